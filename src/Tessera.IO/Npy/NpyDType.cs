namespace Tessera.IO.Npy;

/// <summary>
/// A NumPy dtype as written in an NPY header's <c>descr</c> (<c>'&lt;f8'</c>, <c>'|b1'</c>, <c>'&gt;i4'</c>): its kind
/// (b, i, u, f), its size in bytes and its byte order. Only the element types Tessera has are supported.
/// </summary>
internal readonly record struct NpyDType(char Kind, int Size, bool BigEndian)
{
    /// <summary>What <see cref="Parse"/> accepts, for error messages.</summary>
    public const string Supported =
        "bool '|b1', int8 '|i1', int16/32/64 '<i2' '<i4' '<i8', uint8 '|u1', uint16/32/64 '<u2' '<u4' '<u8', " +
        "float16/32/64 '<f2' '<f4' '<f8' (either byte order: '<', '>', '=' or '|' for one-byte types)";

    /// <summary>NumPy's name of the dtype ("float64", "bool").</summary>
    public string Name => Kind switch
    {
        'b' => "bool",
        'i' => $"int{Size * 8}",
        'u' => $"uint{Size * 8}",
        _ => $"float{Size * 8}",
    };

    /// <summary>The descr NumPy writes for this dtype in little-endian order ('|' for one-byte types).</summary>
    public string Descr => $"{(Size == 1 ? '|' : BigEndian ? '>' : '<')}{Kind}{Size}";

    /// <summary>Parses a descr; throws <see cref="NotSupportedException"/> naming <paramref name="file"/> for anything else.</summary>
    public static NpyDType Parse(string descr, string file)
    {
        if (descr.Length >= 3 && descr[0] is '<' or '>' or '=' or '|'
            && descr[1] is 'b' or 'i' or 'u' or 'f'
            && int.TryParse(descr.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size))
        {
            bool ok = descr[1] switch
            {
                'b' => size == 1,
                'i' or 'u' => size is 1 or 2 or 4 or 8,
                _ => size is 2 or 4 or 8,
            };
            if (ok && !(descr[0] == '|' && size != 1))
            {
                return new NpyDType(descr[1], size, descr[0] == '>' && size > 1);
            }
        }

        throw new NotSupportedException($"{file}: the NPY dtype '{descr}' is not supported; supported dtypes are {Supported}.");
    }

    /// <summary>The dtype of <typeparamref name="T"/> in this machine's (little-endian) byte order.</summary>
    public static NpyDType Of<T>()
        where T : unmanaged
    {
        var t = typeof(T);
        if (t == typeof(bool))
        {
            return new('b', 1, false);
        }

        if (t == typeof(sbyte) || t == typeof(short) || t == typeof(int) || t == typeof(long))
        {
            return new('i', DTypes.ItemSize<T>(), false);
        }

        if (t == typeof(byte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong))
        {
            return new('u', DTypes.ItemSize<T>(), false);
        }

        if (t == typeof(Half) || t == typeof(float) || t == typeof(double))
        {
            return new('f', DTypes.ItemSize<T>(), false);
        }

        throw new NotSupportedException($"NPY: element type {t.Name} has no NumPy dtype; use one of bool, sbyte, byte, short, ushort, int, uint, long, ulong, Half, float, double.");
    }

    /// <summary>Throws, naming the file and the type to use, unless this dtype's elements are <typeparamref name="T"/>'s.</summary>
    public void Require<T>(string file, string operation)
        where T : unmanaged
    {
        var want = Of<T>();
        if (want.Kind != Kind || want.Size != Size)
        {
            throw new ArgumentException(
                $"{operation}<{typeof(T).Name}>: {file} holds {Name} ('{Descr}'), not {want.Name}; read it as {ClrName}.");
        }
    }

    /// <summary>The C# element type of this dtype.</summary>
    public string ClrName => (Kind, Size) switch
    {
        ('b', _) => "bool",
        ('i', 1) => "sbyte",
        ('i', 2) => "short",
        ('i', 4) => "int",
        ('i', _) => "long",
        ('u', 1) => "byte",
        ('u', 2) => "ushort",
        ('u', 4) => "uint",
        ('u', _) => "ulong",
        ('f', 2) => "Half",
        ('f', 4) => "float",
        _ => "double",
    };
}
