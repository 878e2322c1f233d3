namespace Tessera.IO.Npy;

/// <summary>
/// Dask's npy stacks (<c>dask.array.from_npy_stack</c>/<c>to_npy_stack</c>) for <see cref="DArray{T}"/>:
/// <c>DArray.FromNpyStack&lt;double&gt;(dir)</c>, <c>x.ToNpyStack(dir, axis)</c>.
/// </summary>
public static class NpyStackExtensions
{
    extension(DArray)
    {
        /// <summary>
        /// A lazy array over an npy stack (Dask's <c>from_npy_stack</c>): a directory with Dask's <c>info</c> file and
        /// <c>0.npy</c>, <c>1.npy</c>, …, one block per file. Each block task opens and reads its own file, and a selection
        /// pushed down by the optimizer reads only the selected rows of it.
        /// </summary>
        /// <param name="directory">The stack's directory.</param>
        /// <exception cref="FileNotFoundException">No such directory, or no <c>info</c> file in it.</exception>
        /// <exception cref="InvalidDataException">An <c>info</c> file that is not the pickled dict Dask writes.</exception>
        /// <exception cref="ArgumentException">The stack's dtype is not <typeparamref name="T"/>'s.</exception>
        public static DArray<T> FromNpyStack<T>(string directory)
            where T : unmanaged
        {
            ArgumentException.ThrowIfNullOrEmpty(directory);
            return NpyStack.Read<T>(directory);
        }
    }

    extension<T>(DArray<T> x)
        where T : unmanaged
    {
        /// <summary>
        /// Computes the array and writes it as an npy stack (Dask's <c>to_npy_stack</c>): rechunked to be whole along every
        /// axis but <paramref name="axis"/>, one NPY file per block, written by the tasks in parallel, then the <c>info</c>
        /// file last, so a failed write leaves no <c>info</c> claiming a complete stack.
        /// </summary>
        /// <param name="directory">The directory; created if missing; files of the same names are replaced.</param>
        /// <param name="axis">The axis the files split; the default is 0.</param>
        /// <param name="cancellationToken">Cancels the computation.</param>
        public Task ToNpyStackAsync(string directory, int axis = 0, CancellationToken cancellationToken = default)
        {
            ArgumentException.ThrowIfNullOrEmpty(directory);
            return NpyStack.WriteAsync(x, directory, axis, cancellationToken);
        }

        /// <summary>Computes the array and writes it as an npy stack; see <c>ToNpyStackAsync</c>.</summary>
        /// <param name="directory">The directory; created if missing; files of the same names are replaced.</param>
        /// <param name="axis">The axis the files split; the default is 0.</param>
        public void ToNpyStack(string directory, int axis = 0)
        {
            ArgumentException.ThrowIfNullOrEmpty(directory);
            NpyStack.WriteAsync(x, directory, axis, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
