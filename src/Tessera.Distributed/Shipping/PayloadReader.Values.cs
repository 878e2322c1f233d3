using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Distributed.Shipping;

internal ref partial struct PayloadReader
{
    /// <summary>Reads one value written by <see cref="PayloadWriter.WriteValue"/>.</summary>
    public object? ReadValue()
    {
        // A hostile or very deep payload must not overflow the worker's stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var tag = (WireTag)ReadByte();
        switch (tag)
        {
            case WireTag.Null: return null;
            case WireTag.BackRef: return ReadBackRef();
            case WireTag.False: return false;
            case WireTag.True: return true;
            case WireTag.Byte: return ReadByte();
            case WireTag.SByte: return (sbyte)ReadByte();
            case WireTag.Int16: return (short)ReadVarLong();
            case WireTag.UInt16: return (ushort)ReadVarUInt();
            case WireTag.Int32: return (int)ReadVarLong();
            case WireTag.UInt32: return (uint)ReadVarUInt();
            case WireTag.Int64: return ReadVarLong();
            case WireTag.UInt64: return ReadVarUInt();
            case WireTag.Char: return (char)ReadVarUInt();
            case WireTag.Single: return BitConverter.Int32BitsToSingle(ReadInt32());
            case WireTag.Double: return BitConverter.Int64BitsToDouble(ReadInt64());
            case WireTag.Decimal: return ReadBlittable<decimal>();
            case WireTag.Half: return ReadBlittable<Half>();
            case WireTag.Int128: return ReadBlittable<Int128>();
            case WireTag.UInt128: return ReadBlittable<UInt128>();
            case WireTag.String: return ReadRequiredString();
            case WireTag.DateTime: return DateTime.FromBinary(ReadInt64());
            case WireTag.TimeSpan: return new TimeSpan(ReadVarLong());
            case WireTag.DateTimeOffset:
                long ticks = ReadVarLong();
                return new DateTimeOffset(ticks, TimeSpan.FromMinutes(ReadVarLong()));
            case WireTag.Guid: return ReadBlittable<Guid>();
            case WireTag.Complex: return ReadBlittable<Complex>();
            case WireTag.Index: return ReadIndex();
            case WireTag.Range:
                Index start = ReadIndex();
                return new Range(start, ReadIndex());
            case WireTag.Key: return ReadKey();
            case WireTag.Type: return ReadType();
            case WireTag.Enum: return ReadEnum();
            case WireTag.StringComparer: return ReadStringComparer();
            case WireTag.RawArray:
            case WireTag.Array:
                return ReadArray(tag == WireTag.RawArray);
            case WireTag.List:
            case WireTag.Dictionary:
            case WireTag.HashSet:
                return ReadCollection(tag);
            case WireTag.NDArray:
                TypeShape nd = TypeShape.Of(typeof(NDArray<>).MakeGenericType(ReadType()));
                return Register(nd.NDArray!.Read(ref this));
            case WireTag.Object:
            case WireTag.Struct:
                return ReadObject(tag == WireTag.Struct);
            case WireTag.Delegate: return ReadDelegate();
            case WireTag.Function:
            case WireTag.IdentityFunction:
                return ReadFunction(tag);
            default:
                throw Malformed($"unknown tag {(byte)tag}");
        }
    }

    /// <summary>Reads a key and recomputes its hash in this process.</summary>
    public Key ReadKey()
    {
        string? name = ReadString();
        int rank = ReadCount();
        if (name is null)
        {
            // default(Key), e.g. an unset key field of a captured plan.
            return rank == 0 ? default : throw Malformed("a key without a name has a block index");
        }

        Span<int> index = rank <= 16 ? stackalloc int[rank] : new int[rank];
        for (int i = 0; i < rank; i++)
        {
            index[i] = (int)ReadVarLong();
        }

        return new Key(name, index);
    }

    private Index ReadIndex()
    {
        long v = ReadVarLong();
        return v < 0 ? Index.FromEnd((int)(-(v + 1))) : Index.FromStart((int)v);
    }

    private readonly object ReadBackRef(ulong id)
    {
        if (_objects is null || id >= (ulong)_objects.Count)
        {
            throw Malformed($"a reference to unknown object {id}");
        }

        // A slot still null is an object whose constructor-time content refers back to it (a comparer cycle): unsupported.
        return _objects[(int)id] ?? throw Malformed($"a reference to object {id} before it was built");
    }

    private object ReadBackRef() => ReadBackRef(ReadVarUInt());

    private object ReadEnum()
    {
        Type type = ReadType();
        if (!type.IsEnum)
        {
            throw Malformed($"{type} is not an enum");
        }

        object? underlying = ReadValue();
        if (underlying is null || underlying.GetType() != Enum.GetUnderlyingType(type))
        {
            throw Malformed($"the value of enum {type} has the wrong underlying type");
        }

        return Enum.ToObject(type, underlying);
    }

    private StringComparer ReadStringComparer() => ReadByte() switch
    {
        0 => StringComparer.Ordinal,
        1 => StringComparer.OrdinalIgnoreCase,
        2 => StringComparer.InvariantCulture,
        3 => StringComparer.InvariantCultureIgnoreCase,
        var code => throw Malformed($"unknown string comparer {code}"),
    };

    private Array ReadArray(bool raw)
    {
        Type element = ReadType();
        TypeShape elementShape = TypeShape.Of(element);
        if (raw != TypeShape.IsBlittable(element) || elementShape.Refusal is not null)
        {
            throw Malformed($"arrays of {element} cannot be encoded this way");
        }

        int rank = ReadByte();
        Array array;
        if (rank == 0)
        {
            int length = ReadCount();
            array = Array.CreateInstance(element, length);
        }
        else
        {
            var lengths = new int[rank];
            long total = 1;
            for (int d = 0; d < rank; d++)
            {
                ulong n = ReadVarUInt();
                lengths[d] = n <= int.MaxValue ? (int)n : throw Malformed("an array dimension is too long");
                total *= lengths[d];
            }

            // Every element takes at least one byte (raw ones are checked by their byte count below).
            if (total > Remaining)
            {
                throw Malformed("an array is longer than the payload");
            }

            array = Array.CreateInstance(element, lengths);
        }

        Register(array);
        if (raw)
        {
            int bytes = checked((int)(array.LongLength * TypeShape.Of(array.GetType()).ElementSize));
            ReadRaw(bytes).CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), bytes));
        }
        else if (array is object?[] objects && rank == 0)
        {
            for (int i = 0; i < objects.Length; i++)
            {
                objects[i] = ReadValue();
            }
        }
        else
        {
            FillElements(array);
        }

        return array;
    }

    private void FillElements(Array array)
    {
        // Row-major, as the writer enumerated it.
        var index = new int[array.Rank];
        for (long n = 0; n < array.LongLength; n++)
        {
            array.SetValue(ReadValue(), index);
            for (int d = index.Length - 1; d >= 0; d--)
            {
                if (++index[d] < array.GetLength(d))
                {
                    break;
                }

                index[d] = 0;
            }
        }
    }

    private object ReadCollection(WireTag tag)
    {
        Type type = ReadType();
        TypeShape shape = TypeShape.Of(type);
        ShapeKind expected = tag switch { WireTag.List => ShapeKind.List, WireTag.Dictionary => ShapeKind.Dictionary, _ => ShapeKind.HashSet };
        if (shape.Kind != expected)
        {
            throw Malformed($"{type} is not a {expected}");
        }

        return shape.Collection!.Read(ref this, Reserve());
    }

    private object ReadObject(bool isStruct)
    {
        Type type = ReadType();
        TypeShape shape = TypeShape.Of(type);
        if (shape.Kind != (isStruct ? ShapeKind.Struct : ShapeKind.Object) || shape.Refusal is not null)
        {
            throw Malformed($"{type} cannot be built from its fields");
        }

        object obj = RuntimeHelpers.GetUninitializedObject(type);
        if (!isStruct)
        {
            Register(obj);
        }

        foreach (var field in shape.Fields)
        {
            if (!isStruct && Remaining > 0 && (WireTag)_data[_pos] == WireTag.BackRef)
            {
                // A reference to an object still being built (cycles through a task function): set it once built.
                _pos++;
                ulong id = ReadVarUInt();
                if (_objects is not null && id < (ulong)_objects.Count && _objects[(int)id] is null)
                {
                    (_fixups ??= []).Add((obj, field, (int)id));
                    continue;
                }

                field.SetValue(obj, ReadBackRef(id));
                continue;
            }

            object? value = ReadValue();
            try
            {
                field.SetValue(obj, value);
            }
            catch (ArgumentException e)
            {
                throw new System.Runtime.Serialization.SerializationException(
                    $"Malformed shipping payload: field {type}.{field.Name} ({field.FieldType}) cannot hold a {value?.GetType().ToString() ?? "null"}.", e);
            }
        }

        return obj;
    }
}
