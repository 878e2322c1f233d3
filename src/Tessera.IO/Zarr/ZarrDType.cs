namespace Tessera.IO.Zarr;

/// <summary>A Zarr element type: kind ('b' bool, 'i' signed, 'u' unsigned, 'f' float), size in bytes and byte order.</summary>
internal sealed record ZarrDType(char Kind, int ItemSize, bool BigEndian)
{
    /// <summary>The dtypes Tessera reads and writes, for error messages.</summary>
    public const string Supported = "bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64 (v2: |b1, <i1…<i8, <u1…<u8, <f4, <f8, either byte order)";

    /// <summary>NumPy's name of the type (float64, int32, bool).</summary>
    public string Name => Kind switch
    {
        'b' => "bool",
        'i' => $"int{ItemSize * 8}",
        'u' => $"uint{ItemSize * 8}",
        _ => $"float{ItemSize * 8}",
    };

    /// <summary>The v2 type string ("&lt;f8", "|b1").</summary>
    public string V2String => ItemSize == 1 ? $"|{Kind}1" : $"{(BigEndian ? '>' : '<')}{Kind}{ItemSize}";

    /// <summary>The .NET element type.</summary>
    public Type ClrType => (Kind, ItemSize) switch
    {
        ('b', 1) => typeof(bool),
        ('i', 1) => typeof(sbyte),
        ('i', 2) => typeof(short),
        ('i', 4) => typeof(int),
        ('i', 8) => typeof(long),
        ('u', 1) => typeof(byte),
        ('u', 2) => typeof(ushort),
        ('u', 4) => typeof(uint),
        ('u', 8) => typeof(ulong),
        ('f', 4) => typeof(float),
        ('f', 8) => typeof(double),
        _ => throw new NotSupportedException($"dtype {Kind}{ItemSize}"),
    };

    /// <summary>Whether values must be byte-swapped on this (little-endian) machine.</summary>
    public bool NeedsSwap => BigEndian && ItemSize > 1;

    public static ZarrDType? ParseV2(string text)
    {
        if (text.Length < 3 || text[0] is not ('<' or '>' or '|' or '='))
        {
            return null;
        }

        char kind = text[1];
        if (!int.TryParse(text.AsSpan(2), out int size))
        {
            return null;
        }

        var t = new ZarrDType(kind, size, text[0] == '>');
        return IsSupported(t) ? t : null;
    }

    public static ZarrDType? ParseV3(string name)
    {
        ZarrDType? t = name switch
        {
            "bool" => new('b', 1, false),
            "int8" => new('i', 1, false),
            "int16" => new('i', 2, false),
            "int32" => new('i', 4, false),
            "int64" => new('i', 8, false),
            "uint8" => new('u', 1, false),
            "uint16" => new('u', 2, false),
            "uint32" => new('u', 4, false),
            "uint64" => new('u', 8, false),
            "float32" => new('f', 4, false),
            "float64" => new('f', 8, false),
            _ => null,
        };
        return t;
    }

    public static ZarrDType Of(Type type) => type switch
    {
        _ when type == typeof(bool) => new('b', 1, false),
        _ when type == typeof(sbyte) => new('i', 1, false),
        _ when type == typeof(short) => new('i', 2, false),
        _ when type == typeof(int) => new('i', 4, false),
        _ when type == typeof(long) => new('i', 8, false),
        _ when type == typeof(byte) => new('u', 1, false),
        _ when type == typeof(ushort) => new('u', 2, false),
        _ when type == typeof(uint) => new('u', 4, false),
        _ when type == typeof(ulong) => new('u', 8, false),
        _ when type == typeof(float) => new('f', 4, false),
        _ when type == typeof(double) => new('f', 8, false),
        _ => throw new NotSupportedException($"Zarr cannot store elements of type {type.Name}; supported: {Supported}."),
    };

    private static bool IsSupported(ZarrDType t) => t switch
    {
        { Kind: 'b', ItemSize: 1 } => true,
        { Kind: 'i' or 'u', ItemSize: 1 or 2 or 4 or 8 } => true,
        { Kind: 'f', ItemSize: 4 or 8 } => true,
        _ => false,
    };
}
