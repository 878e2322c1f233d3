using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Tessera.IO.Zarr;

/// <summary>Zarr fill values: JSON (numbers, booleans, "NaN", "Infinity", "-Infinity", v3 hex bit patterns) to and from one element's bytes.</summary>
internal static class FillValue
{
    public static byte[]? Parse(JsonNode? node, ZarrDType dtype, string file)
    {
        if (node is null)
        {
            return null;
        }

        var bytes = new byte[dtype.ItemSize];
        try
        {
            if (node is JsonValue v && v.TryGetValue(out string? s))
            {
                if (s.StartsWith("0x", StringComparison.Ordinal))
                {
                    ulong bits = ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    var all = new byte[8];
                    BinaryPrimitives.WriteUInt64LittleEndian(all, bits);
                    all.AsSpan(0, bytes.Length).CopyTo(bytes);
                    return bytes;
                }

                double d = s switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => throw new FormatException($"'{s}' is not a fill value"),
                };
                Write(bytes, dtype, d, 0, 0);
                return bytes;
            }

            if (node is JsonValue b && b.TryGetValue(out bool flag))
            {
                bytes[0] = flag ? (byte)1 : (byte)0;
                return bytes;
            }

            // Parse the JSON text: a value built in memory (a long) refuses GetValue<ulong>.
            string text = node.AsValue().ToJsonString();
            if (dtype.Kind == 'f')
            {
                Write(bytes, dtype, double.Parse(text, CultureInfo.InvariantCulture), 0, 0);
            }
            else if (dtype.Kind == 'u')
            {
                Write(bytes, dtype, 0, 0, ulong.Parse(text, CultureInfo.InvariantCulture));
            }
            else
            {
                Write(bytes, dtype, 0, long.Parse(text, CultureInfo.InvariantCulture), 0);
            }

            return bytes;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new InvalidDataException($"'{file}': fill_value {node.ToJsonString()} is not a valid {dtype.Name} ({e.Message}).", e);
        }
    }

    private static void Write(byte[] bytes, ZarrDType dtype, double d, long l, ulong u)
    {
        switch (dtype.Kind, dtype.ItemSize)
        {
            case ('f', 4): BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)d); break;
            case ('f', 8): BinaryPrimitives.WriteDoubleLittleEndian(bytes, d); break;
            case ('b', _): bytes[0] = l != 0 || d != 0 ? (byte)1 : (byte)0; break;
            case ('i', 1): bytes[0] = (byte)checked((sbyte)l); break;
            case ('i', 2): BinaryPrimitives.WriteInt16LittleEndian(bytes, checked((short)l)); break;
            case ('i', 4): BinaryPrimitives.WriteInt32LittleEndian(bytes, checked((int)l)); break;
            case ('i', 8): BinaryPrimitives.WriteInt64LittleEndian(bytes, l); break;
            case ('u', 1): bytes[0] = checked((byte)u); break;
            case ('u', 2): BinaryPrimitives.WriteUInt16LittleEndian(bytes, checked((ushort)u)); break;
            case ('u', 4): BinaryPrimitives.WriteUInt32LittleEndian(bytes, checked((uint)u)); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(bytes, u); break;
        }
    }

    /// <summary>The JSON of a fill value of type <typeparamref name="T"/> (NaN and infinities as zarr-python writes them).</summary>
    public static JsonNode ToJson<T>(T value)
        where T : unmanaged
    {
        object boxed = value;
        return boxed switch
        {
            bool b => JsonValue.Create(b),
            double d when double.IsNaN(d) => JsonValue.Create("NaN"),
            double d when double.IsInfinity(d) => JsonValue.Create(d > 0 ? "Infinity" : "-Infinity"),
            float f when float.IsNaN(f) => JsonValue.Create("NaN"),
            float f when float.IsInfinity(f) => JsonValue.Create(f > 0 ? "Infinity" : "-Infinity"),
            double d => JsonValue.Create(d),
            float f => JsonValue.Create((double)f),
            ulong u => JsonValue.Create(u),
            _ => JsonValue.Create(Convert.ToInt64(boxed, CultureInfo.InvariantCulture)),
        };
    }
}
