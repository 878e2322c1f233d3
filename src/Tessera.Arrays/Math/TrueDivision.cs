namespace Tessera.Arrays;

/// <summary>
/// The <c>/</c> operator as NumPy's true division: float64, float32 and float16 arrays keep their dtype; integer and
/// bool arrays (and their scalars) give float64, as in NumPy and Dask (<c>np.arange(3) / 2</c> is
/// <c>[0., 0.5, 1.]</c>). Floor division is <see cref="DArray.FloorDivide{T}(DArray{T}, DArray{T})"/>.
/// Mixed pairs (an int64 array over a float32 one…) are in the *Promotion classes.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1708", Justification = "CA1708 reads the C# 14 extension blocks of one class (one per dtype, as operators need) as members differing by case.")]
public static class TrueDivision
{
    extension(DArray<double>)
    {
        /// <summary>The elementwise quotient of two float64 arrays, in float64, with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<double> left, DArray<double> right) => DArray<double>.Divide(left, right);

        /// <summary>Every element of a float64 array divided by a scalar, in float64.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<double> left, double right) => DArray<double>.Divide(left, right);

        /// <summary>A scalar divided by every element of a float64 array, in float64.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(double left, DArray<double> right) => DArray<double>.Divide(left, right);
    }

    extension(DArray<float>)
    {
        /// <summary>The elementwise quotient of two float32 arrays, in float32, with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<float> operator /(DArray<float> left, DArray<float> right) => DArray<float>.Divide(left, right);
    }

    extension(DArray<Half>)
    {
        /// <summary>The elementwise quotient of two float16 arrays, in float16, with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<Half> operator /(DArray<Half> left, DArray<Half> right) => DArray<Half>.Divide(left, right);

        /// <summary>Every element of a float16 array divided by a scalar, in float16.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<Half> operator /(DArray<Half> left, Half right) => DArray<Half>.Divide(left, right);

        /// <summary>A scalar divided by every element of a float16 array, in float16.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<Half> operator /(Half left, DArray<Half> right) => DArray<Half>.Divide(left, right);
    }

    extension(DArray<sbyte>)
    {
        /// <summary>The elementwise true quotient of two int8 arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<sbyte> left, DArray<sbyte> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());

        /// <summary>Every element of a int8 array divided by a scalar, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<sbyte> left, double right) => DArray<double>.Divide(left.AsType<double>(), right);

        /// <summary>A scalar divided by every element of a int8 array, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(double left, DArray<sbyte> right) => DArray<double>.Divide(left, right.AsType<double>());
    }

    extension(DArray<byte>)
    {
        /// <summary>The elementwise true quotient of two uint8 arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<byte> left, DArray<byte> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());

        /// <summary>Every element of a uint8 array divided by a scalar, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<byte> left, double right) => DArray<double>.Divide(left.AsType<double>(), right);

        /// <summary>A scalar divided by every element of a uint8 array, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(double left, DArray<byte> right) => DArray<double>.Divide(left, right.AsType<double>());
    }

    extension(DArray<short>)
    {
        /// <summary>The elementwise true quotient of two int16 arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<short> left, DArray<short> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());

        /// <summary>Every element of a int16 array divided by a scalar, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<short> left, double right) => DArray<double>.Divide(left.AsType<double>(), right);

        /// <summary>A scalar divided by every element of a int16 array, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(double left, DArray<short> right) => DArray<double>.Divide(left, right.AsType<double>());
    }

    extension(DArray<ushort>)
    {
        /// <summary>The elementwise true quotient of two uint16 arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<ushort> left, DArray<ushort> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());

        /// <summary>Every element of a uint16 array divided by a scalar, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<ushort> left, double right) => DArray<double>.Divide(left.AsType<double>(), right);

        /// <summary>A scalar divided by every element of a uint16 array, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(double left, DArray<ushort> right) => DArray<double>.Divide(left, right.AsType<double>());
    }

    extension(DArray<int>)
    {
        /// <summary>The elementwise true quotient of two int32 arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<int> left, DArray<int> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());
    }

    extension(DArray<uint>)
    {
        /// <summary>The elementwise true quotient of two uint32 arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<uint> left, DArray<uint> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());

        /// <summary>Every element of a uint32 array divided by a scalar, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<uint> left, double right) => DArray<double>.Divide(left.AsType<double>(), right);

        /// <summary>A scalar divided by every element of a uint32 array, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(double left, DArray<uint> right) => DArray<double>.Divide(left, right.AsType<double>());
    }

    extension(DArray<long>)
    {
        /// <summary>The elementwise true quotient of two int64 arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<long> left, DArray<long> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());
    }

    extension(DArray<ulong>)
    {
        /// <summary>The elementwise true quotient of two uint64 arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<ulong> left, DArray<ulong> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());

        /// <summary>Every element of a uint64 array divided by a scalar, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<ulong> left, double right) => DArray<double>.Divide(left.AsType<double>(), right);

        /// <summary>A scalar divided by every element of a uint64 array, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(double left, DArray<ulong> right) => DArray<double>.Divide(left, right.AsType<double>());
    }

    extension(DArray<bool>)
    {
        /// <summary>The elementwise true quotient of two bool arrays, in float64 (NumPy's <c>/</c>), with broadcasting.</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<bool> left, DArray<bool> right) => DArray<double>.Divide(left.AsType<double>(), right.AsType<double>());

        /// <summary>Every element of a bool array divided by a scalar, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(DArray<bool> left, double right) => DArray<double>.Divide(left.AsType<double>(), right);

        /// <summary>A scalar divided by every element of a bool array, in float64 (NumPy's <c>/</c>).</summary>
        /// <param name="left">The dividend.</param>
        /// <param name="right">The divisor.</param>
        public static DArray<double> operator /(double left, DArray<bool> right) => DArray<double>.Divide(left, right.AsType<double>());
    }
}
