using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

public static partial class DArray
{
    /// <summary>
    /// An elementwise node over <paramref name="inputs"/> broadcast together (NumPy's rules, checked
    /// now, naming the shapes), each input rechunked to the unified chunks. Every elementwise
    /// operation goes through here, so slice pushdown and fusion see them all the same way.
    /// </summary>
    /// <param name="name">The layer name, in NumPy's words ("sqrt", "less", "where").</param>
    /// <param name="description">What distinguishes this kernel from another of the same name (a scalar operand); part of the token.</param>
    /// <param name="apply">The block function; its closure must capture only values that ship to workers (numbers, enums).</param>
    /// <param name="inputs">The input expressions.</param>
    internal static DArray<TOut> Elementwise<TOut>(string name, string description, Func<object[], object> apply, params Expr[] inputs)
        where TOut : unmanaged
    {
        var shape = inputs[0].Shape;
        for (int i = 1; i < inputs.Length; i++)
        {
            shape = Shapes.Broadcast(shape, inputs[i].Shape, $"DArray.{name}");
        }

        if (inputs.Length == 1)
        {
            return new DArray<TOut>(new ElementwiseExpr<TOut>(inputs, shape, inputs[0].Chunks, new BlockKernel(name, $"{name}:{description}", apply)));
        }

        var chunks = Broadcasting.UnifyChunks(shape, inputs);
        var aligned = inputs.Select(x => x.WithChunks(Broadcasting.ChunksFor(x, chunks))).ToArray();
        return new DArray<TOut>(new ElementwiseExpr<TOut>(aligned, shape, chunks, new BlockKernel(name, $"{name}:{description}", apply)));
    }

    /// <summary>Throws now, not at compute, when <typeparamref name="T"/> is not a numeric dtype.</summary>
    internal static void RequireNumeric<T>(string operation)
        where T : unmanaged
    {
        if (typeof(T) == typeof(bool) || !IsNumber(typeof(T)))
        {
            throw new NotSupportedException(
                $"DArray.{operation} is not defined for dtype {DTypes.Name<T>()}: it needs a numeric dtype; convert first, e.g. x.AsType<long>().");
        }
    }

    /// <summary>Throws now when <typeparamref name="T"/> is not bool.</summary>
    internal static void RequireBool<T>(string operation)
        where T : unmanaged
    {
        if (typeof(T) != typeof(bool))
        {
            throw new NotSupportedException(
                $"DArray.{operation} is defined for dtype bool only, not {DTypes.Name<T>()}; make a bool array first, e.g. x.NotEqual(0) or x > 0.");
        }
    }

    internal static bool IsFloat(Type t) => t == typeof(double) || t == typeof(float) || t == typeof(Half);

    internal static bool IsNumber(Type t) =>
        IsFloat(t) || t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(sbyte)
        || t == typeof(ulong) || t == typeof(uint) || t == typeof(ushort) || t == typeof(byte);
}
