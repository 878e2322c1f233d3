using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

/// <summary>Creates lazy chunked arrays (dask.array's creation and joining functions).</summary>
public static partial class DArray
{
    /// <summary>
    /// A one-block array whose block is the result of <paramref name="value"/>. The user's function
    /// is opaque: the block is computed whole, and its shape is checked against
    /// <paramref name="shape"/> when it runs.
    /// </summary>
    /// <param name="value">The delayed computation of the block.</param>
    /// <param name="shape">The shape the block will have, in elements.</param>
    public static DArray<T> FromDelayed<T>(Delayed<NDArray<T>> value, long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(value);
        Shapes.Validate(shape ?? throw new ArgumentNullException(nameof(shape)), DTypes.ItemSize<T>(), "DArray.FromDelayed");
        return new DArray<T>(new DelayedSourceExpr<T>(value, (long[])shape.Clone()));
    }

    /// <summary>
    /// A one-block array from an untyped <see cref="Delayed"/>: its result type must be
    /// <see cref="NDArray{T}"/> (checked now when the type is known, else when it runs).
    /// </summary>
    /// <param name="value">The delayed computation of the block.</param>
    /// <param name="shape">The shape the block will have, in elements.</param>
    public static DArray<T> FromDelayed<T>(Delayed value, long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(value);
        Shapes.Validate(shape ?? throw new ArgumentNullException(nameof(shape)), DTypes.ItemSize<T>(), "DArray.FromDelayed");
        var type = value.ResultType;
        if (type != typeof(object) && type != typeof(NDArray<T>))
        {
            throw new ArgumentException(
                $"DArray.FromDelayed<{DTypes.Name<T>()}>: the delayed value '{value.Key}' produces {type.Name}, " +
                $"but an NDArray<{typeof(T).Name}> (dtype {DTypes.Name<T>()}) was declared; declare the element type the function returns.",
                nameof(value));
        }

        return new DArray<T>(new DelayedSourceExpr<T>(value, (long[])shape.Clone()));
    }

    /// <summary>An array cut into blocks from one already in memory (blocks are views, not copies).</summary>
    /// <param name="array">The values.</param>
    /// <param name="chunks">A block shape, per-axis sizes, one size for all axes, or "auto" (the default: 128 MiB blocks).</param>
    public static DArray<T> FromArray<T>(NDArray<T> array, ChunkSpec? chunks = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        var shape = array.Shape.ToArray();
        var normal = Normalize(chunks, shape, DTypes.ItemSize<T>(), "DArray.FromArray");
        return new DArray<T>(new ArraySourceExpr<T>(array, null, shape, normal, "array"));
    }

    /// <summary>
    /// An array whose blocks are built by <paramref name="function"/> from their position; only the
    /// blocks a computation needs are ever built.
    /// </summary>
    /// <param name="function">Builds one block; it must return the shape given in its <see cref="BlockInfo"/>.</param>
    /// <param name="shape">The array's shape, in elements.</param>
    /// <param name="chunks">The chunking (block shape, per-axis sizes, one size, or "auto").</param>
    public static DArray<T> FromFunction<T>(Func<BlockInfo, NDArray<T>> function, long[] shape, ChunkSpec chunks)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(function);
        Shapes.Validate(shape ?? throw new ArgumentNullException(nameof(shape)), DTypes.ItemSize<T>(), "DArray.FromFunction");
        var normal = Normalize(chunks, shape, DTypes.ItemSize<T>(), "DArray.FromFunction");
        var token = TaskFunction.Create(function).Token;
        return new DArray<T>(new FunctionSourceExpr<T>(function, token, (long[])shape.Clone(), normal));
    }

    /// <summary>An array of ones.</summary>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public static DArray<T> Ones<T>(long[] shape, ChunkSpec? chunks = null)
        where T : unmanaged => Full(DTypes.One<T>(), shape, chunks);

    /// <summary>An array of zeros.</summary>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public static DArray<T> Zeros<T>(long[] shape, ChunkSpec? chunks = null)
        where T : unmanaged => Full(default(T), shape, chunks);

    /// <summary>An array with every element equal to <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="shape">The shape, in elements.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public static DArray<T> Full<T>(T value, long[] shape, ChunkSpec? chunks = null)
        where T : unmanaged
    {
        Shapes.Validate(shape ?? throw new ArgumentNullException(nameof(shape)), DTypes.ItemSize<T>(), "DArray.Full");
        var normal = Normalize(chunks, shape, DTypes.ItemSize<T>(), "DArray.Full");
        return new DArray<T>(new FullExpr<T>(value, (long[])shape.Clone(), normal));
    }

    internal static long[][] Normalize(ChunkSpec? chunks, long[] shape, int itemSize, string operation) =>
        (chunks ?? ChunkSpec.Auto).Normalize(shape, itemSize, ChunkSpec.DefaultAutoLimitBytes, operation).ToArrays();
}
