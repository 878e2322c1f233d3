using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Tessera.IO.Npy;

/// <summary>A numpy.dtype rebuilt from a pickle: its type code ("f8") and, after BUILD, its byte order.</summary>
internal sealed class PickledDType(string code)
{
    public string Code { get; } = code;

    public string ByteOrder { get; set; } = "=";

    /// <summary>The NPY descr of the dtype ('&lt;f8', '|b1').</summary>
    public string Descr => (ByteOrder == "=" ? (Code.EndsWith('1') ? "|" : "<") : ByteOrder) + Code;
}

/// <summary>
/// A restricted pickle interpreter for plain data: dicts, tuples, lists, strings, integers, booleans, None and
/// <c>numpy.dtype</c>. It imports and calls nothing; any other global or opcode is refused.
/// </summary>
internal sealed class PickleReader(byte[] data, string path)
{
    private static readonly object Mark = new();
    private readonly List<object?> _stack = [];
    private readonly Dictionary<long, object?> _memo = [];
    private int _at;

    public object? Run()
    {
        while (true)
        {
            byte op = Byte();
            switch (op)
            {
                case 0x80: Byte(); break; // PROTO
                case 0x95: Bytes(8); break; // FRAME
                case (byte)'.': return _stack.Count == 1 ? _stack[0] : throw Error("the pickle ends with more than one value");
                case (byte)'}': _stack.Add(new Dictionary<string, object?>(StringComparer.Ordinal)); break;
                case (byte)']': _stack.Add(new List<object?>()); break;
                case (byte)')': _stack.Add(Array.Empty<object?>()); break;
                case (byte)'(': _stack.Add(Mark); break;
                case (byte)'N': _stack.Add(null); break;
                case 0x88: _stack.Add(true); break;
                case 0x89: _stack.Add(false); break;
                case (byte)'K': _stack.Add((long)Byte()); break;
                case (byte)'M': _stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2))); break;
                case (byte)'J': _stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Bytes(4))); break;
                case 0x8a: _stack.Add(Long(Byte())); break; // LONG1
                case 0x8c: _stack.Add(Utf8(Byte())); break; // SHORT_BINUNICODE
                case (byte)'X': _stack.Add(Utf8(Length(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))))); break; // BINUNICODE
                case (byte)'U': _stack.Add(Encoding.Latin1.GetString(Bytes(Byte()))); break; // SHORT_BINSTRING (protocol 2 str)
                case 0x85: Tuple(1); break;
                case 0x86: Tuple(2); break;
                case 0x87: Tuple(3); break;
                case (byte)'t': _stack.Add(PopToMark().ToArray()); break;
                case (byte)'e': { var items = PopToMark(); AsList(Peek(0, "APPENDS needs a list")).AddRange(items); break; }
                case (byte)'a': { var v = Pop(); AsList(Peek(0, "APPEND needs a list")).Add(v); break; }
                case 0x94: _memo[_memo.Count] = Peek(0, "MEMOIZE needs a value"); break;
                case (byte)'q': _memo[Byte()] = Peek(0, "BINPUT needs a value"); break;
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))] = Peek(0, "LONG_BINPUT needs a value"); break;
                case (byte)'h': _stack.Add(Memo(Byte())); break;
                case (byte)'j': _stack.Add(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)))); break;
                case (byte)'s': { var v = Pop(); var k = Pop(); AsDict(Peek(0, "SETITEM needs a dict")).Add(Key(k), v); break; }
                case (byte)'u':
                    {
                        var items = PopToMark();
                        var dict = AsDict(Peek(0, "SETITEMS needs a dict"));
                        for (int i = 0; i + 1 < items.Count; i += 2)
                        {
                            dict[Key(items[i])] = items[i + 1];
                        }

                        break;
                    }

                case 0x93: { var name = Pop(); var module = Pop(); _stack.Add(Global(module, name)); break; } // STACK_GLOBAL
                case (byte)'c': _stack.Add(Global(Line(), Line())); break; // GLOBAL
                case (byte)'R':
                    {
                        var args = Pop() as object?[];
                        var callable = Pop();
                        if (callable is not DTypeConstructor || args is not { Length: >= 1 } || args[0] is not string code)
                        {
                            throw Error("REDUCE is only accepted as numpy.dtype(code, align, copy)");
                        }

                        _stack.Add(new PickledDType(code));
                        break;
                    }

                case (byte)'b':
                    {
                        var state = Pop() as object?[];
                        if (Peek(0, "BUILD needs an object") is not PickledDType dtype || state is not { Length: >= 2 } || state[1] is not string order)
                        {
                            throw Error("BUILD is only accepted on a numpy.dtype with its (version, byteorder, …) state");
                        }

                        dtype.ByteOrder = order;
                        break;
                    }

                default:
                    throw Error($"opcode 0x{op:x2} at byte {_at - 1} is not accepted (only plain data and numpy.dtype are read)");
            }
        }
    }

    private sealed class DTypeConstructor;

    private object Global(object? module, object? name) =>
        module is "numpy" or "numpy.core.multiarray" && name is "dtype"
            ? new DTypeConstructor()
            : throw Error($"the global {module}.{name} is refused (only numpy.dtype is accepted)");

    private void Tuple(int n)
    {
        if (_stack.Count < n)
        {
            throw Error("a tuple opcode needs more values on the stack");
        }

        var items = _stack.GetRange(_stack.Count - n, n).ToArray();
        _stack.RemoveRange(_stack.Count - n, n);
        _stack.Add(items);
    }

    private List<object?> PopToMark()
    {
        int mark = _stack.LastIndexOf(Mark);
        if (mark < 0)
        {
            throw Error("no MARK on the stack");
        }

        var items = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private object? Pop()
    {
        if (_stack.Count == 0 || ReferenceEquals(_stack[^1], Mark))
        {
            throw Error("the stack is empty");
        }

        var v = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return v;
    }

    private object? Peek(int depth, string problem) =>
        _stack.Count > depth ? _stack[^(depth + 1)] : throw Error(problem);

    private object? Memo(long index) => _memo.TryGetValue(index, out var v) ? v : throw Error($"memo entry {index} is missing");

    private Dictionary<string, object?> AsDict(object? o) => o as Dictionary<string, object?> ?? throw Error("expected a dict");

    private List<object?> AsList(object? o) => o as List<object?> ?? throw Error("expected a list");

    private string Key(object? k) => k as string ?? throw Error("dict keys must be strings");

    private long Long(int n)
    {
        var bytes = Bytes(n);
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : throw Error("an integer does not fit 64 bits");
    }

    private string Utf8(int n) => Encoding.UTF8.GetString(Bytes(n));

    private string Line()
    {
        int end = Array.IndexOf(data, (byte)'\n', _at);
        if (end < 0)
        {
            throw Error("unterminated GLOBAL name");
        }

        string s = Encoding.ASCII.GetString(data, _at, end - _at);
        _at = end + 1;
        return s;
    }

    private int Length(uint n) => n <= 1 << 20 ? (int)n : throw Error($"a string of {n} bytes is too long");

    private byte Byte() => _at < data.Length ? data[_at++] : throw Error("the pickle is truncated");

    private byte[] Bytes(int n)
    {
        if (_at + n > data.Length)
        {
            throw Error("the pickle is truncated");
        }

        var b = data.AsSpan(_at, n).ToArray();
        _at += n;
        return b;
    }

    private InvalidDataException Error(string problem) => new($"{path}: cannot read the npy-stack info pickle: {problem}.");
}
