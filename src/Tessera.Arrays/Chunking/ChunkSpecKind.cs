namespace Tessera.Arrays;

/// <summary>The form of a <see cref="ChunkSpec"/>.</summary>
public enum ChunkSpecKind
{
    /// <summary>Automatic chunking on every axis.</summary>
    Auto,

    /// <summary>One size for every axis.</summary>
    Uniform,

    /// <summary>A block shape, one entry per axis.</summary>
    BlockShape,

    /// <summary>Explicit chunk sizes per axis.</summary>
    PerAxis,
}
