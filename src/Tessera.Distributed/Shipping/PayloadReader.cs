using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Text;

namespace Tessera.Distributed.Shipping;

/// <summary>
/// Reads one payload written by <see cref="PayloadWriter"/>. Every type it names is resolved through a
/// <see cref="CodeLoader"/>, which applies the type policy; counts are checked against the bytes left so that a
/// malformed payload fails with a clear error instead of a huge allocation.
/// </summary>
internal ref partial struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly CodeLoader _loader;
    private int _pos;
    private List<object?>? _objects;
    private List<(object Owner, System.Reflection.FieldInfo Field, int Slot)>? _fixups;
    private List<Type>? _types;
    private List<System.Reflection.Assembly>? _assemblies;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public PayloadReader(ReadOnlySpan<byte> data, CodeLoader loader)
    {
        _data = data;
        _loader = loader;
    }

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _pos;

    /// <summary>Throws unless the whole payload was read.</summary>
    public readonly void EnsureEnd()
    {
        if (_pos != _data.Length)
        {
            throw Malformed($"{Remaining} byte(s) left after the value");
        }
    }

    /// <summary>An exception for a payload that does not follow the format.</summary>
    public readonly SerializationException Malformed(string what) => new($"Malformed shipping payload at byte {_pos}: {what}.");

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        if (_pos >= _data.Length)
        {
            throw Malformed("unexpected end");
        }

        return _data[_pos++];
    }

    /// <summary>Reads an unsigned LEB128 integer.</summary>
    public ulong ReadVarUInt()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw Malformed("an integer is too long");
    }

    /// <summary>Reads a zigzag LEB128 integer.</summary>
    public long ReadVarLong()
    {
        ulong v = ReadVarUInt();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>Reads a count of items that each take at least one byte (so it cannot exceed what is left).</summary>
    public int ReadCount()
    {
        ulong n = ReadVarUInt();
        if (n > (ulong)Remaining)
        {
            throw Malformed($"a count of {n} exceeds the {Remaining} byte(s) left");
        }

        return (int)n;
    }

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadRaw(4));

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadRaw(8));

    /// <summary>Reads <paramref name="count"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Malformed($"{count} byte(s) needed, {Remaining} left");
        }

        ReadOnlySpan<byte> span = _data.Slice(_pos, count);
        _pos += count;
        return span;
    }

    /// <summary>Reads an unmanaged value from its raw bytes.</summary>
    public unsafe T ReadBlittable<T>()
        where T : unmanaged => MemoryMarshal.Read<T>(ReadRaw(sizeof(T)));

    /// <summary>Reads a string written by <see cref="PayloadWriter.WriteString"/>.</summary>
    public string? ReadString()
    {
        ulong n = ReadVarUInt();
        if (n == 0)
        {
            return null;
        }

        if (n - 1 > (ulong)Remaining)
        {
            throw Malformed("a string is longer than the payload");
        }

        return Encoding.UTF8.GetString(ReadRaw((int)(n - 1)));
    }

    /// <summary>Reads the UTF-8 bytes of a string that must not be null, without allocating it.</summary>
    public ReadOnlySpan<byte> ReadRequiredUtf8()
    {
        ulong n = ReadVarUInt();
        if (n == 0 || n - 1 > (ulong)Remaining)
        {
            throw Malformed(n == 0 ? "a required string is null" : "a string is longer than the payload");
        }

        return ReadRaw((int)(n - 1));
    }

    /// <summary>Reads a string that must not be null.</summary>
    public string ReadRequiredString() => ReadString() ?? throw Malformed("a required string is null");

    /// <summary>Reads a value and casts it to <typeparamref name="T"/>, with a clear error on mismatch.</summary>
    public T ReadAs<T>()
    {
        object? value = ReadValue();
        if (value is T typed)
        {
            return typed;
        }

        if (value is null && default(T) is null)
        {
            return default!;
        }

        throw Malformed($"expected {typeof(T)}, found {value?.GetType().ToString() ?? "null"}");
    }

    /// <summary>Reserves the next object id for an object created after some of its content is read.</summary>
    public int Reserve()
    {
        _objects ??= [];
        _objects.Add(null);
        return _objects.Count - 1;
    }

    /// <summary>Stores the object of a reserved id, and sets the fields that referred to it before it existed.</summary>
    public readonly void Fill(int slot, object value)
    {
        _objects![slot] = value;
        if (_fixups is null)
        {
            return;
        }

        // A closure field may point back at the task function being built (a lowering lambda that
        // captures the function created from another lambda of the same method).
        for (int i = _fixups.Count - 1; i >= 0; i--)
        {
            if (_fixups[i].Slot == slot)
            {
                _fixups[i].Field.SetValue(_fixups[i].Owner, value);
                _fixups.RemoveAt(i);
            }
        }
    }

    private object Register(object value)
    {
        _objects ??= [];
        _objects.Add(value);
        return value;
    }
}
