using System.Globalization;

namespace Tessera.Arrays;

/// <summary>
/// A user-facing chunk request, resolved against a shape by <see cref="Normalize"/>:
/// <see cref="Auto"/> (target a byte size per block), one size for every axis
/// (<see cref="Uniform"/>), a block shape (<see cref="BlockShape"/>, with <see cref="FullAxis"/> and
/// <see cref="AutoAxis"/> per axis), or explicit, possibly irregular per-axis sizes (<see cref="PerAxis"/>).
/// </summary>
public sealed class ChunkSpec
{
    /// <summary>Block-shape entry meaning "one chunk spanning the whole axis" (Dask's <c>-1</c> / <c>None</c>).</summary>
    public const long FullAxis = -1;

    /// <summary>Block-shape entry meaning "choose this axis automatically" (Dask's <c>"auto"</c> in a tuple).</summary>
    public const long AutoAxis = -2;

    /// <summary>Default target block size for automatic chunking: 128 MiB (Dask's <c>array.chunk-size</c>).</summary>
    public const long DefaultAutoLimitBytes = 128L * 1024 * 1024;

    private ChunkSpec(ChunkSpecKind kind, long[]? blockShape, long[][]? perAxis)
    {
        Kind = kind;
        BlockShapeValues = blockShape;
        PerAxisValues = perAxis;
    }

    /// <summary>Automatic chunking on every axis (see <see cref="Normalize"/>).</summary>
    public static ChunkSpec Auto { get; } = new(ChunkSpecKind.Auto, null, null);

    /// <summary>What kind of request this is.</summary>
    public ChunkSpecKind Kind { get; }

    /// <summary>The block shape (or single uniform size as a one-element array); null for other kinds.</summary>
    internal long[]? BlockShapeValues { get; }

    /// <summary>The explicit per-axis sizes; null for other kinds.</summary>
    internal long[][]? PerAxisValues { get; }

    /// <summary>The same chunk size on every axis, e.g. <c>1000</c>; <see cref="FullAxis"/> gives one chunk per axis.</summary>
    /// <param name="size">Elements per chunk along every axis (&gt; 0, or <see cref="FullAxis"/>/<see cref="AutoAxis"/>).</param>
    public static ChunkSpec Uniform(long size) => new(ChunkSpecKind.Uniform, [size], null);

    /// <summary>A block shape, one entry per axis, e.g. <c>[1, 4096, 4096]</c>; the last chunk of an axis may be smaller.</summary>
    /// <param name="shape">Elements per axis (&gt; 0), <see cref="FullAxis"/> or <see cref="AutoAxis"/>; larger than the axis is clipped.</param>
    public static ChunkSpec BlockShape(params long[] shape) =>
        new(ChunkSpecKind.BlockShape, (long[])shape.Clone(), null);

    /// <summary>Explicit chunk sizes per axis, e.g. <c>[[5, 5, 2], [3]]</c>; each list must sum to the axis length.</summary>
    /// <param name="sizes">For each axis, the chunk sizes in elements (&gt; 0).</param>
    public static ChunkSpec PerAxis(params long[][] sizes) =>
        new(ChunkSpecKind.PerAxis, null, sizes.Select(a => (long[])a.Clone()).ToArray());

    /// <summary>Parses <c>"auto"</c> (case-insensitive) or an integer uniform size.</summary>
    /// <param name="text">The spec text.</param>
    /// <exception cref="ArgumentException">Neither "auto" nor an integer.</exception>
    public static ChunkSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Auto;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n))
        {
            return Uniform(n);
        }

        throw new ArgumentException($"ChunkSpec.Parse: chunk spec '{text}' is neither \"auto\" nor an integer.", nameof(text));
    }

    /// <summary>Same as <see cref="Uniform"/>.</summary>
    /// <param name="size">Elements per chunk along every axis.</param>
    public static implicit operator ChunkSpec(long size) => Uniform(size);

    /// <summary>Same as <see cref="Parse"/> (accepts <c>"auto"</c>).</summary>
    /// <param name="text">The spec text.</param>
    public static implicit operator ChunkSpec(string text) => Parse(text);

    /// <summary>Same as <see cref="BlockShape"/>.</summary>
    /// <param name="shape">The block shape.</param>
    public static implicit operator ChunkSpec(long[] shape) => BlockShape(shape);

    /// <summary>Same as <see cref="PerAxis"/>.</summary>
    /// <param name="sizes">The per-axis sizes.</param>
    public static implicit operator ChunkSpec(long[][] sizes) => PerAxis(sizes);

    /// <summary>
    /// Resolves this request against <paramref name="shape"/> (see <see cref="ChunkNormalizer.Normalize"/>).
    /// </summary>
    /// <param name="shape">Array shape in elements.</param>
    /// <param name="itemSize">Bytes per element; only used by automatic chunking. Default 8.</param>
    /// <param name="autoLimitBytes">Target bytes per block for automatic chunking; default 128 MiB.</param>
    /// <param name="operation">Name of the calling operation, used in error messages. Default "normalize chunks".</param>
    /// <exception cref="ArgumentException">The spec does not fit the shape; the message names the operation, spec, shape and expectation.</exception>
    public Chunks Normalize(
        IReadOnlyList<long> shape,
        int itemSize = 8,
        long autoLimitBytes = DefaultAutoLimitBytes,
        string operation = "normalize chunks") =>
        ChunkNormalizer.Normalize(this, shape, itemSize, autoLimitBytes, operation);

    /// <summary>Python-like text of the request: <c>"auto"</c>, <c>1000</c>, <c>(1, -1, 'auto')</c>, <c>((5, 5), (3,))</c>.</summary>
    public override string ToString() => Kind switch
    {
        ChunkSpecKind.Auto => "'auto'",
        ChunkSpecKind.Uniform => Entry(BlockShapeValues![0]),
        ChunkSpecKind.BlockShape => Tuple(BlockShapeValues!.Select(Entry).ToList()),
        _ => Tuple(PerAxisValues!.Select(a => PyTuple.Format(a)).ToList()),
    };

    private static string Entry(long v) =>
        v == AutoAxis ? "'auto'" : v.ToString(CultureInfo.InvariantCulture);

    private static string Tuple(List<string> items) =>
        items.Count == 1 ? $"({items[0]},)" : $"({string.Join(", ", items)})";
}
