namespace Tessera.IO.Hdf5;

/// <summary>How <c>ToHdf5</c> stores a dataset (h5py's <c>create_dataset</c> keywords that Tessera supports).</summary>
public sealed record Hdf5WriteOptions
{
    /// <summary>Gets the deflate (gzip) level: 0 for none (the default), 1 (fast) or 9 (small); PureHDF's deflate supports no other level.</summary>
    /// <value>Default 0: no compression.</value>
    public int GzipLevel { get; init; }

    /// <summary>Gets a value indicating whether to apply HDF5's byte shuffle filter before compression (h5py's <c>shuffle=True</c>).</summary>
    /// <value>Default false.</value>
    public bool Shuffle { get; init; }
}
