using Tessera.Arrays.Expressions;
using Tessera.Arrays.Slicing;

namespace Tessera.Arrays;

public static partial class DArray
{
    /// <summary>
    /// An array read from storage region by region: the building block of file formats (dask.array's
    /// <c>from_array</c> over an object that supports slicing, such as an h5py dataset). Each block task calls
    /// <paramref name="read"/> for its own region only, and a selection of the array pushed down by the optimizer
    /// narrows that region, so <c>x[0, ..]</c> reads only row 0 of the blocks it crosses.
    /// </summary>
    /// <param name="read">
    /// Reads the region starting at the given offset with the given shape (both in elements, in the source's
    /// coordinates) and returns it as a new array of exactly that shape that the caller owns. It runs in task
    /// threads (or worker processes), concurrently: it must open what it reads itself and capture only values that
    /// can ship (paths, numbers), not open files.
    /// </param>
    /// <param name="shape">The source's shape, in elements.</param>
    /// <param name="chunks">The chunking (block shape, per-axis sizes, one size, or "auto").</param>
    /// <param name="name">The prefix of the task keys, in Dask's style; the default is "from-regions".</param>
    public static DArray<T> FromRegions<T>(Func<long[], long[], NDArray<T>> read, long[] shape, ChunkSpec chunks, string name = "from-regions")
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Shapes.Validate(shape ?? throw new ArgumentNullException(nameof(shape)), DTypes.ItemSize<T>(), "DArray.FromRegions");
        var normal = Normalize(chunks, shape, DTypes.ItemSize<T>(), "DArray.FromRegions");
        var token = TaskFunction.Create(read).Token;
        var selection = shape.Select(AxisSelection.Full).ToArray();
        return new DArray<T>(new RegionSourceExpr<T>(read, token, name, (long[])shape.Clone(), selection, normal));
    }
}
