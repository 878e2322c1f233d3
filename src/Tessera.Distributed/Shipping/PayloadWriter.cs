using System.Buffers.Binary;
using System.Reflection;
using System.Text;

namespace Tessera.Distributed.Shipping;

/// <summary>
/// Writes one payload: a compact tagged binary encoding of values, delegates and task functions, with per-payload
/// tables for objects (identity and cycles), types and assemblies. One instance is reused per thread so that the
/// per-task argument encoding allocates little beyond the returned array.
/// </summary>
internal sealed partial class PayloadWriter
{
    [ThreadStatic]
    private static PayloadWriter? t_cached;

    private readonly List<string> _path = [];
    private readonly List<Assembly> _assemblyList = [];
    private byte[] _buffer = new byte[256];
    private int _length;
    private Dictionary<object, int>? _objects;
    private int _nextObjectId;
    private Dictionary<Type, int>? _types;
    private Dictionary<Assembly, int>? _assemblies;
    private string _owner = string.Empty;

    /// <summary>The assemblies named in this payload, in first-use order.</summary>
    public IReadOnlyList<Assembly> Assemblies => _assemblyList;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>A cleared writer for this thread; give it back with <see cref="Return"/>.</summary>
    /// <param name="owner">What is being encoded, for error messages (a function name, "argument 2" …).</param>
    public static PayloadWriter Rent(string owner)
    {
        // Taking the cached instance out makes a nested Rent (a value whose encoding encodes) get its own.
        PayloadWriter writer = t_cached ?? new PayloadWriter();
        t_cached = null;
        writer._owner = owner;
        return writer;
    }

    /// <summary>Clears this writer and keeps it for the next <see cref="Rent"/> on this thread.</summary>
    public void Return()
    {
        _length = 0;
        _objects?.Clear();
        _nextObjectId = 0;
        _types?.Clear();
        _assemblies?.Clear();
        _assemblyList.Clear();
        _path.Clear();
        if (_buffer.Length > 1 << 20)
        {
            _buffer = new byte[256];
        }

        t_cached = this;
    }

    /// <summary>The payload as a new array.</summary>
    public byte[] ToArray() => Written.ToArray();

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    /// <summary>Writes a tag.</summary>
    public void WriteTag(WireTag tag) => WriteByte((byte)tag);

    /// <summary>Writes an unsigned LEB128 integer.</summary>
    public void WriteVarUInt(ulong value)
    {
        Span<byte> span = Reserve(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _length += i;
    }

    /// <summary>Writes a zigzag LEB128 integer.</summary>
    public void WriteVarLong(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a little-endian 32-bit integer.</summary>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        _length += 4;
    }

    /// <summary>Writes a little-endian 64-bit integer.</summary>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        _length += 8;
    }

    /// <summary>Writes bytes as they are.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Writes a length-prefixed UTF-8 string; null is length 0, others length + 1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max < 127)
        {
            // Short strings: write the UTF-8 bytes after a one-byte length slot.
            Span<byte> span = Reserve(max + 1);
            int n = Encoding.UTF8.GetBytes(value, span[1..]);
            span[0] = (byte)(n + 1);
            _length += n + 1;
            return;
        }

        int count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)count + 1);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        _length += count;
    }

    /// <summary>Enters a field for error messages.</summary>
    public void PushPath(string name) => _path.Add(name);

    /// <summary>Leaves the field entered last.</summary>
    public void PopPath() => _path.RemoveAt(_path.Count - 1);

    /// <summary>An exception naming the current field path, the value's type and why it cannot ship.</summary>
    public UnshippableCaptureException Refuse(Type type, string reason)
    {
        string path = string.Join('.', _path);

        // ToString gives "System.Func`2[System.Int32,System.Int32]" where FullName would spell out every assembly.
        string typeName = type.ToString();
        string message = path.Length == 0
            ? $"Cannot ship a value of type {typeName} in '{_owner}': {reason}"
            : $"Cannot ship field '{path}' ({typeName}) captured by '{_owner}': {reason}";
        return new UnshippableCaptureException(message, path, type);
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }

        return _buffer.AsSpan(_length, count);
    }

    private void Grow(int count)
    {
        long size = Math.Max((long)_buffer.Length * 2, (long)_length + count);
        if (size > Array.MaxLength)
        {
            if ((long)_length + count > Array.MaxLength)
            {
                throw new InvalidOperationException("The payload exceeds 2 GiB; ship large arrays through the data plane instead.");
            }

            size = Array.MaxLength;
        }

        Array.Resize(ref _buffer, (int)size);
    }
}
