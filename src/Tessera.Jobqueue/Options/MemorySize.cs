using System.Globalization;
using Tessera.Distributed.Clusters;

namespace Tessera.Jobqueue;

/// <summary>
/// An amount of memory in bytes, read and written as Dask writes it: decimal units (<c>kB</c>,
/// <c>MB</c>, <c>GB</c>, <c>TB</c>, <c>PB</c>; "16GB" is 16 000 000 000 bytes) and binary
/// units (<c>KiB</c>, <c>MiB</c>, <c>GiB</c>, <c>TiB</c>, <c>PiB</c>; "16GiB" is 16 × 2^30 bytes).
/// </summary>
/// <param name="Bytes">The amount, in bytes.</param>
public readonly record struct MemorySize(long Bytes)
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string AcceptedForms = ByteSize.AcceptedForms;

    /// <summary>Reads a memory amount such as <c>"16GB"</c>.</summary>
    /// <param name="text">The text to read.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="FormatException">The text is not one of <see cref="AcceptedForms"/>.</exception>
    public static MemorySize Parse(string text) =>
        TryParse(text, out var size)
            ? size
            : throw new FormatException($"Memory \"{text}\" is not understood: use {AcceptedForms}.");

    /// <summary>Reads a memory amount such as <c>"16GB"</c>, without throwing.</summary>
    /// <param name="text">The text to read.</param>
    /// <param name="size">The amount read, or zero.</param>
    /// <returns>Whether the text was a valid, positive amount.</returns>
    public static bool TryParse(string? text, out MemorySize size)
    {
        bool ok = ByteSize.TryParse(text, out long bytes) && bytes >= 1;
        size = ok ? new MemorySize(bytes) : default;
        return ok;
    }

    /// <summary>Divides the amount evenly, e.g. a job's memory among its worker processes.</summary>
    /// <param name="parts">How many parts (at least 1).</param>
    /// <returns>One part, rounded down to a whole byte.</returns>
    public MemorySize Divide(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        return new MemorySize(Bytes / parts);
    }

    /// <summary>
    /// Writes the amount exactly, in the largest decimal or binary unit that divides it (so
    /// 8 000 000 000 bytes is "8GB", 2^31 is "2GiB"), else in bytes ("5333333333").
    /// </summary>
    /// <returns>The text, which <see cref="Parse"/> reads back to the same amount.</returns>
    public override string ToString()
    {
        (string Name, long Factor)[] units =
        [
            ("PiB", 1L << 50), ("PB", 1000L * 1000 * 1000 * 1000 * 1000), ("TiB", 1L << 40), ("TB", 1000L * 1000 * 1000 * 1000),
            ("GiB", 1L << 30), ("GB", 1000L * 1000 * 1000), ("MiB", 1L << 20), ("MB", 1000L * 1000), ("KiB", 1L << 10), ("kB", 1000L),
        ];
        foreach (var (name, factor) in units)
        {
            if (Bytes >= factor && Bytes % factor == 0) return (Bytes / factor).ToString(CultureInfo.InvariantCulture) + name;
        }
        return Bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Rounds up to whole binary units for a batch system's memory request.</summary>
    /// <param name="gigaSuffix">Suffix for gibibytes, e.g. "G" (SLURM) or "gb" (PBS).</param>
    /// <param name="megaSuffix">Suffix for mebibytes, e.g. "M" (SLURM) or "mb" (PBS).</param>
    /// <returns>Whole GiB when the amount is at least 1 GiB, else whole MiB (at least 1).</returns>
    internal string ToBinaryCeiling(string gigaSuffix, string megaSuffix)
    {
        const long Gi = 1L << 30, Mi = 1L << 20;
        return Bytes >= Gi
            ? ((Bytes + Gi - 1) / Gi).ToString(CultureInfo.InvariantCulture) + gigaSuffix
            : Math.Max(1, (Bytes + Mi - 1) / Mi).ToString(CultureInfo.InvariantCulture) + megaSuffix;
    }

}
