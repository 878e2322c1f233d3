using System.Globalization;
using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

public sealed partial class DArray<T>
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    public static DArray<T> operator +(DArray<T> left, DArray<T> right) => Binary(left, right, "add", static (a, b) => a + b);

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static DArray<T> operator -(DArray<T> left, DArray<T> right) => Binary(left, right, "sub", static (a, b) => a - b);

    /// <summary>Elementwise product with broadcasting.</summary>
    public static DArray<T> operator *(DArray<T> left, DArray<T> right) => Binary(left, right, "mul", static (a, b) => a * b);


    /// <summary>Adds a scalar to every element.</summary>
    public static DArray<T> operator +(DArray<T> left, T right) => Scalar(left, "add", right, a => a + right);

    /// <summary>Adds a scalar to every element.</summary>
    public static DArray<T> operator +(T left, DArray<T> right) => Scalar(right, "radd", left, a => left + a);

    /// <summary>Subtracts a scalar from every element.</summary>
    public static DArray<T> operator -(DArray<T> left, T right) => Scalar(left, "sub", right, a => a - right);

    /// <summary>Subtracts every element from a scalar.</summary>
    public static DArray<T> operator -(T left, DArray<T> right) => Scalar(right, "rsub", left, a => left - a);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static DArray<T> operator *(DArray<T> left, T right) => Scalar(left, "mul", right, a => a * right);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static DArray<T> operator *(T left, DArray<T> right) => Scalar(right, "rmul", left, a => left * a);


    /// <summary>
    /// The elementwise quotient in this dtype, with broadcasting. The <c>/</c> operator is NumPy's true division
    /// (<see cref="TrueDivision"/>): float arrays keep their dtype, integer and bool arrays give float64.
    /// </summary>
    internal static DArray<T> Divide(DArray<T> left, DArray<T> right) => Binary(left, right, "truediv", static (a, b) => a / b);

    /// <summary>Every element divided by a scalar, in this dtype.</summary>
    internal static DArray<T> Divide(DArray<T> left, T right) => Scalar(left, "truediv", right, a => a / right);

    /// <summary>A scalar divided by every element, in this dtype.</summary>
    internal static DArray<T> Divide(T left, DArray<T> right) => Scalar(right, "rtruediv", left, a => left / a);

    /// <summary>Negates every element.</summary>
    public static DArray<T> operator -(DArray<T> value) => Map(value, "neg", "", static a => -a);

    /// <summary>Applies <paramref name="function"/> to every block (dask's map_blocks); blocks keep their shape unless <paramref name="chunks"/> says otherwise.</summary>
    /// <param name="function">The function of one block; it must return a block of the declared chunk shape.</param>
    /// <param name="chunks">The chunks of the result, per axis; the default keeps this array's chunks.</param>
    public DArray<TOut> MapBlocks<TOut>(Func<NDArray<T>, NDArray<TOut>> function, long[][]? chunks = null)
        where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(function);
        var outChunks = chunks ?? Expr.Chunks;
        var shape = outChunks.Select(c => c.Sum()).ToArray();
        var token = TaskFunction.Create(function).Token;
        return new DArray<TOut>(new MapBlocksExpr<T, TOut>(Expr, function, token, shape, outChunks));
    }

    /// <summary>The values converted to another element type (NumPy's astype).</summary>
    public DArray<TOut> AsType<TOut>()
        where TOut : unmanaged =>
        typeof(TOut) == typeof(T)
            ? (DArray<TOut>)(object)this
            : new DArray<TOut>(new ElementwiseExpr<TOut>([Expr], Expr.Shape, Expr.Chunks,
                new BlockKernel("astype", DTypes.Name<TOut>(), xs => ((NDArray<T>)xs[0]).AsType<TOut>())));

    private static DArray<T> Map(DArray<T> value, string name, string description, Func<NDArray<T>, NDArray<T>> f)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new DArray<T>(new ElementwiseExpr<T>([value.Expr], value.Expr.Shape, value.Expr.Chunks,
            new BlockKernel(name, description, xs => f((NDArray<T>)xs[0]))));
    }

    private static DArray<T> Scalar(DArray<T> value, string name, T scalar, Func<NDArray<T>, NDArray<T>> f) =>
        Map(value, name, Convert.ToString(scalar, CultureInfo.InvariantCulture) ?? "", f);

    private static DArray<T> Binary(DArray<T> left, DArray<T> right, string name, Func<NDArray<T>, NDArray<T>, NDArray<T>> f)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var shape = Shapes.Broadcast(left.Expr.Shape, right.Expr.Shape, $"DArray {name}");
        var chunks = Broadcasting.UnifyChunks(shape, [left.Expr, right.Expr]);
        var a = left.WithChunks(Broadcasting.ChunksFor(left.Expr, chunks)).Expr;
        var b = right.WithChunks(Broadcasting.ChunksFor(right.Expr, chunks)).Expr;
        return new DArray<T>(new ElementwiseExpr<T>([a, b], shape, chunks,
            new BlockKernel(name, "", xs => f((NDArray<T>)xs[0], (NDArray<T>)xs[1]))));
    }
}
