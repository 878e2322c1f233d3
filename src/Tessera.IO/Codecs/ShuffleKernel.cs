namespace Tessera.IO.Codecs;

/// <summary>Which byte-shuffle implementation <see cref="BloscShuffle"/> uses; all give the same bytes.</summary>
internal enum ShuffleKernel
{
    /// <summary>The widest vector kernel the CPU has (AVX2, else SSSE3), scalar for the rest.</summary>
    Best,

    /// <summary>128-bit vector kernels only (no AVX2), scalar for the rest.</summary>
    Vector128Only,

    /// <summary>The element-by-element loop only.</summary>
    Scalar,
}
