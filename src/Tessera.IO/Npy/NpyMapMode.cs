namespace Tessera.IO.Npy;

/// <summary>How <c>NDArray.LoadNpy</c> maps the file into memory (NumPy's <c>mmap_mode</c>).</summary>
public enum NpyMapMode
{
    /// <summary>Read the whole file into memory (NumPy's default, <c>mmap_mode=None</c>).</summary>
    None,

    /// <summary>Map the file; writes to the array stay in this process and never reach the file (NumPy's <c>'c'</c>).</summary>
    CopyOnWrite,

    /// <summary>Map the file; writes to the array go to the file (NumPy's <c>'r+'</c>).</summary>
    ReadWrite,
}
