namespace Tessera.IO.Npy;

/// <summary>
/// NumPy's NPY files (<c>numpy.save</c>/<c>numpy.load</c>) for <see cref="NDArray{T}"/>:
/// <c>NDArray.LoadNpy&lt;double&gt;(path)</c>, <c>a.SaveNpy(path)</c>.
/// </summary>
public static class NpyExtensions
{
    extension(NDArray)
    {
        /// <summary>
        /// Loads an NPY file (format 1.0, 2.0 or 3.0) as <c>numpy.load</c> does. The file's dtype must be
        /// <typeparamref name="T"/>'s (either byte order: big-endian files are swapped as they are read); a
        /// Fortran-ordered file gives a transposed (Fortran-contiguous) view, as in NumPy.
        /// </summary>
        /// <param name="path">The file.</param>
        /// <param name="mmapMode">
        /// Whether to map the file into memory instead of reading it (NumPy's <c>mmap_mode</c>): the array is then a view of
        /// the file, read page by page as it is touched, that costs no pooled memory and works past 2 GiB. The default,
        /// <see cref="NpyMapMode.None"/>, reads the file. Big-endian files are always read.
        /// </param>
        /// <exception cref="FileNotFoundException">No such file.</exception>
        /// <exception cref="InvalidDataException">Not an NPY file, a corrupt header, or a file shorter than its header says.</exception>
        /// <exception cref="NotSupportedException">A dtype Tessera has no element type for (the message lists those it has).</exception>
        /// <exception cref="ArgumentException">The file's dtype is not <typeparamref name="T"/>'s (the message names the type to use).</exception>
        public static NDArray<T> LoadNpy<T>(string path, NpyMapMode mmapMode = NpyMapMode.None)
            where T : unmanaged
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            return mmapMode == NpyMapMode.None ? NpyFile.Load<T>(path) : NpyFile.Map<T>(path, mmapMode);
        }
    }

    extension<T>(NDArray<T> array)
        where T : unmanaged
    {
        /// <summary>
        /// Saves the array as an NPY file, byte for byte what <c>numpy.save</c> writes for the same array (format 1.0,
        /// header padded to 64 bytes; a Fortran-contiguous view is written in Fortran order). The file is written under a
        /// temporary name and renamed into place, so a failed save leaves no partial file at <paramref name="path"/>.
        /// </summary>
        /// <param name="path">The file; replaced if it exists. NumPy adds no extension here: give the ".npy" yourself.</param>
        /// <exception cref="IOException">The file cannot be written (the message names it and why).</exception>
        public void SaveNpy(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            NpyFile.Save(array, path);
        }
    }
}
