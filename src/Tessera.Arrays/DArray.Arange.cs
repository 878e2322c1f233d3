using System.Globalization;
using System.Numerics;
using Tessera.Arrays.Expressions;

namespace Tessera.Arrays;

public static partial class DArray
{
    /// <summary>The values <c>0, 1, …, n - 1</c> as a one-axis array (NumPy's arange).</summary>
    /// <param name="n">The number of values.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public static DArray<T> Arange<T>(long n, ChunkSpec? chunks = null)
        where T : unmanaged, INumber<T> => Arange(T.Zero, T.CreateChecked(n), T.One, chunks);

    /// <summary>The values <c>start, start + step, …</c> below <paramref name="stop"/> (NumPy's arange).</summary>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The bound the values stay below (above, for a negative step).</param>
    /// <param name="step">The difference between neighbours; not zero.</param>
    /// <param name="chunks">The chunking; "auto" (128 MiB blocks) when null.</param>
    public static DArray<T> Arange<T>(T start, T stop, T step, ChunkSpec? chunks = null)
        where T : unmanaged, INumber<T>
    {
        if (T.IsZero(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "DArray.Arange: step is 0; expected a non-zero step.");
        }

        long n = Math.Max(0, (long)Math.Ceiling(double.CreateChecked(stop - start) / double.CreateChecked(step)));
        long[] shape = [n];
        var normal = Normalize(chunks, shape, DTypes.ItemSize<T>(), "DArray.Arange");
        var token = string.Create(CultureInfo.InvariantCulture, $"arange;{start};{step};{n}");
        return new DArray<T>(new FunctionSourceExpr<T>(
            info => NDArray.Arange(start + (T.CreateChecked(info.Offset[0]) * step), start + (T.CreateChecked(info.Offset[0] + info.Shape[0]) * step), step),
            token,
            shape,
            normal));
    }
}
