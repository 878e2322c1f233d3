namespace Tessera;

/// <summary>Elementwise binary operations on numeric chunks.</summary>
internal enum BinaryOp
{
    /// <summary>a + b.</summary>
    Add,

    /// <summary>a - b.</summary>
    Subtract,

    /// <summary>a * b.</summary>
    Multiply,

    /// <summary>a / b.</summary>
    Divide,

    /// <summary>a % b.</summary>
    Remainder,

    /// <summary>min(a, b).</summary>
    Min,

    /// <summary>max(a, b).</summary>
    Max,
}

/// <summary>Elementwise comparisons producing bool chunks.</summary>
internal enum CompareOp
{
    /// <summary>a == b.</summary>
    Equal,

    /// <summary>a != b.</summary>
    NotEqual,

    /// <summary>a &lt; b.</summary>
    Less,

    /// <summary>a &lt;= b.</summary>
    LessOrEqual,

    /// <summary>a &gt; b.</summary>
    Greater,

    /// <summary>a &gt;= b.</summary>
    GreaterOrEqual,
}

/// <summary>
/// Numeric kernels for element type <typeparamref name="T"/>. <see cref="NDArray{T}"/> only constrains
/// <c>T : unmanaged</c>; this class bridges to generic math: <see cref="Instance"/> is created once per
/// <typeparamref name="T"/> (a <see cref="NumericOpsImpl{T}"/> for the INumber primitives, null for bool),
/// and every kernel processes a whole strided run per virtual call.
/// </summary>
internal abstract unsafe class NumericOps<T>
    where T : unmanaged
{
    /// <summary>Kernels for <typeparamref name="T"/>, or null when <typeparamref name="T"/> is not numeric.</summary>
    public static readonly NumericOps<T>? Instance = Create();

    /// <summary>Additive identity.</summary>
    public abstract T Zero { get; }

    /// <summary>Multiplicative identity.</summary>
    public abstract T One { get; }

    /// <summary>Whether T is a floating-point type.</summary>
    public abstract bool IsFloatingPoint { get; }

    /// <summary>Kernels for <typeparamref name="T"/>, or a <see cref="NotSupportedException"/> naming the operation.</summary>
    public static NumericOps<T> Require(string operation) =>
        Instance ?? throw new NotSupportedException(
            $"{operation} is not supported for dtype '{DTypeInfo<T>.Name}': it needs a numeric element type.");

    /// <summary>Converts an int scalar, checked.</summary>
    public abstract T FromInt32(int value);

    /// <summary>Converts a long scalar, checked.</summary>
    public abstract T FromInt64(long value);

    /// <summary>Converts to double (for formatting and means).</summary>
    public abstract double ToDouble(T value);

    /// <summary>o = op(a, b) over n elements.</summary>
    public abstract void Binary(BinaryOp op, T* a, long sa, T* b, long sb, T* o, long so, long n);

    /// <summary>o = compare(a, b) over n elements.</summary>
    public abstract void Compare(CompareOp op, T* a, long sa, T* b, long sb, bool* o, long so, long n);

    /// <summary>o = -a over n elements.</summary>
    public abstract void Negate(T* a, long sa, T* o, long so, long n);

    /// <summary>Combines <paramref name="acc"/> with the n elements of a run.</summary>
    public abstract T Reduce(BinaryOp op, T* a, long sa, long n, T acc);

    /// <summary>o = (a != 0) over n elements.</summary>
    public abstract void ToBool(T* a, long sa, bool* o, long so, long n);

    /// <summary>o = (T)a over n elements, truncating like a C cast; bool sources give 0 or 1.</summary>
    public abstract void ConvertFrom<TIn>(TIn* a, long sa, T* o, long so, long n)
        where TIn : unmanaged;

    private static NumericOps<T>? Create()
    {
        object? ops = typeof(T) switch
        {
            var t when t == typeof(sbyte) => new NumericOpsImpl<sbyte>(),
            var t when t == typeof(byte) => new NumericOpsImpl<byte>(),
            var t when t == typeof(short) => new NumericOpsImpl<short>(),
            var t when t == typeof(ushort) => new NumericOpsImpl<ushort>(),
            var t when t == typeof(int) => new NumericOpsImpl<int>(),
            var t when t == typeof(uint) => new NumericOpsImpl<uint>(),
            var t when t == typeof(long) => new NumericOpsImpl<long>(),
            var t when t == typeof(ulong) => new NumericOpsImpl<ulong>(),
            var t when t == typeof(float) => new NumericOpsImpl<float>(),
            var t when t == typeof(double) => new NumericOpsImpl<double>(),
            var t when t == typeof(Half) => new NumericOpsImpl<Half>(),
            _ => null,
        };
        return (NumericOps<T>?)ops;
    }
}
