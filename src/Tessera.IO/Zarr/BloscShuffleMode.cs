namespace Tessera.IO.Zarr;

/// <summary>The shuffle Blosc applies before compressing (numcodecs' NOSHUFFLE, SHUFFLE, BITSHUFFLE).</summary>
public enum BloscShuffleMode
{
    /// <summary>No shuffle.</summary>
    None = 0,

    /// <summary>Byte shuffle: the i-th bytes of all elements together.</summary>
    Byte = 1,

    /// <summary>Bit shuffle: the i-th bits of all elements together.</summary>
    Bit = 2,
}
