using System.Numerics;
using System.Runtime.InteropServices;

namespace Tessera.Distributed.Shipping;

internal sealed partial class PayloadWriter
{
    /// <summary>Writes any shippable value (see <see cref="WireTag"/>); refuses process-bound ones.</summary>
    /// <param name="value">The value; may be null.</param>
    public void WriteValue(object? value)
    {
        if (value is null)
        {
            WriteTag(WireTag.Null);
            return;
        }

        // Deep graphs (long linked lists) must fail with an exception, not overflow the stack and kill the process.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Type type = value.GetType();
        TypeCode code = Type.GetTypeCode(type);
        if (code != TypeCode.Object && !type.IsEnum)
        {
            WritePrimitive(value, code);
            return;
        }

        if (WriteSpecial(value))
        {
            return;
        }

        TypeShape shape = TypeShape.Of(type);
        if (shape.Refusal is not null)
        {
            if (shape.RefusedField is { } field)
            {
                PushPath(TypeShape.FriendlyName(field.Name));
                throw Refuse(field.FieldType, shape.Refusal);
            }

            throw Refuse(type, shape.Refusal);
        }

        if (!type.IsValueType && TryWriteBackRef(value, register: shape.Kind != ShapeKind.Delegate))
        {
            return;
        }

        switch (shape.Kind)
        {
            case ShapeKind.Object:
                WriteTag(WireTag.Object);
                WriteType(type);
                WriteFields(value, shape);
                break;
            case ShapeKind.Struct:
                WriteTag(WireTag.Struct);
                WriteType(type);
                WriteFields(value, shape);
                break;
            case ShapeKind.RawArray:
            case ShapeKind.Array:
                WriteArray((Array)value, shape);
                break;
            case ShapeKind.List:
            case ShapeKind.Dictionary:
            case ShapeKind.HashSet:
                WriteTag(shape.Kind switch { ShapeKind.List => WireTag.List, ShapeKind.Dictionary => WireTag.Dictionary, _ => WireTag.HashSet });
                WriteType(type);
                shape.Collection!.Write(this, value);
                break;
            case ShapeKind.NDArray:
                WriteTag(WireTag.NDArray);
                WriteType(shape.ElementType!);
                shape.NDArray!.Write(this, value);
                break;
            case ShapeKind.Delegate:
                WriteDelegate((Delegate)value);
                break;
            default:
                throw Refuse(type, "this kind of value has no encoding; pass plain data instead.");
        }
    }

    private void WritePrimitive(object value, TypeCode code)
    {
        switch (code)
        {
            case TypeCode.Boolean:
                WriteTag((bool)value ? WireTag.True : WireTag.False);
                break;
            case TypeCode.Byte:
                WriteTag(WireTag.Byte);
                WriteByte((byte)value);
                break;
            case TypeCode.SByte:
                WriteTag(WireTag.SByte);
                WriteByte((byte)(sbyte)value);
                break;
            case TypeCode.Int16:
                WriteTag(WireTag.Int16);
                WriteVarLong((short)value);
                break;
            case TypeCode.UInt16:
                WriteTag(WireTag.UInt16);
                WriteVarUInt((ushort)value);
                break;
            case TypeCode.Int32:
                WriteTag(WireTag.Int32);
                WriteVarLong((int)value);
                break;
            case TypeCode.UInt32:
                WriteTag(WireTag.UInt32);
                WriteVarUInt((uint)value);
                break;
            case TypeCode.Int64:
                WriteTag(WireTag.Int64);
                WriteVarLong((long)value);
                break;
            case TypeCode.UInt64:
                WriteTag(WireTag.UInt64);
                WriteVarUInt((ulong)value);
                break;
            case TypeCode.Char:
                WriteTag(WireTag.Char);
                WriteVarUInt((char)value);
                break;
            case TypeCode.Single:
                WriteTag(WireTag.Single);
                WriteInt32(BitConverter.SingleToInt32Bits((float)value));
                break;
            case TypeCode.Double:
                WriteTag(WireTag.Double);
                WriteInt64(BitConverter.DoubleToInt64Bits((double)value));
                break;
            case TypeCode.Decimal:
                WriteTag(WireTag.Decimal);
                WriteBlittable((decimal)value);
                break;
            case TypeCode.String:
                WriteTag(WireTag.String);
                WriteString((string)value);
                break;
            case TypeCode.DateTime:
                WriteTag(WireTag.DateTime);
                WriteInt64(((DateTime)value).ToBinary());
                break;
            default:
                // DBNull and anything new: refuse rather than guess.
                throw Refuse(value.GetType(), "this kind of value has no encoding; pass plain data instead.");
        }
    }

    private bool WriteSpecial(object value)
    {
        switch (value)
        {
            case Enum:
                Type enumType = value.GetType();
                if (TypeShape.Of(enumType).Refusal is { } reason)
                {
                    throw Refuse(enumType, reason);
                }

                WriteTag(WireTag.Enum);
                WriteType(enumType);
                WritePrimitive(Convert.ChangeType(value, Enum.GetUnderlyingType(enumType), System.Globalization.CultureInfo.InvariantCulture), Type.GetTypeCode(enumType));
                return true;
            case Key key:
                WriteTag(WireTag.Key);
                WriteKey(key);
                return true;
            case TimeSpan ts:
                WriteTag(WireTag.TimeSpan);
                WriteVarLong(ts.Ticks);
                return true;
            case Guid g:
                WriteTag(WireTag.Guid);
                WriteBlittable(g);
                return true;
            case Half h:
                WriteTag(WireTag.Half);
                WriteBlittable(h);
                return true;
            case Int128 i128:
                WriteTag(WireTag.Int128);
                WriteBlittable(i128);
                return true;
            case UInt128 u128:
                WriteTag(WireTag.UInt128);
                WriteBlittable(u128);
                return true;
            case DateTimeOffset dto:
                WriteTag(WireTag.DateTimeOffset);
                WriteVarLong(dto.Ticks);
                WriteVarLong((long)dto.Offset.TotalMinutes);
                return true;
            case Complex c:
                WriteTag(WireTag.Complex);
                WriteBlittable(c);
                return true;
            case Index index:
                WriteTag(WireTag.Index);
                WriteIndex(index);
                return true;
            case Range range:
                WriteTag(WireTag.Range);
                WriteIndex(range.Start);
                WriteIndex(range.End);
                return true;
            case Type t:
                if (!ShippingPolicy.IsNameable(t))
                {
                    throw Refuse(t, "workers only resolve types from the client's assemblies, Tessera and the framework allow-list; pass the type's name instead.");
                }

                WriteTag(WireTag.Type);
                WriteType(t);
                return true;
            case StringComparer comparer:
                return WriteStringComparer(comparer);
            case TaskFunction function:
                WriteFunction(function);
                return true;
            default:
                return false;
        }
    }

    private bool WriteStringComparer(StringComparer comparer)
    {
        int code = comparer == StringComparer.Ordinal ? 0
            : comparer == StringComparer.OrdinalIgnoreCase ? 1
            : comparer == StringComparer.InvariantCulture ? 2
            : comparer == StringComparer.InvariantCultureIgnoreCase ? 3 : -1;
        if (code < 0)
        {
            return false;
        }

        WriteTag(WireTag.StringComparer);
        WriteByte((byte)code);
        return true;
    }

    /// <summary>Writes a key by value (its hash is recomputed on decode: string hashes differ per process).</summary>
    public void WriteKey(Key key)
    {
        WriteString(key.Name);
        ReadOnlySpan<int> index = key.Index;
        WriteVarUInt((uint)index.Length);
        foreach (int i in index)
        {
            WriteVarLong(i);
        }
    }

    /// <summary>Writes an unmanaged value as its raw bytes.</summary>
    public void WriteBlittable<T>(T value)
        where T : unmanaged => WriteRaw(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    private void WriteIndex(Index index) => WriteVarLong(index.IsFromEnd ? -(long)index.Value - 1 : index.Value);

    private bool TryWriteBackRef(object value, bool register)
    {
        _objects ??= new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        if (_objects.TryGetValue(value, out int id))
        {
            WriteTag(WireTag.BackRef);
            WriteVarUInt((uint)id);
            return true;
        }

        if (register)
        {
            _objects.Add(value, _nextObjectId++);
        }

        return false;
    }

    /// <summary>Registers an object whose content has just been written (delegates: see <see cref="WriteDelegate"/>).</summary>
    private void RegisterAfter(object value)
    {
        // A cyclic path may already have written (and registered) an equal copy; the reader appends either way.
        _objects!.TryAdd(value, _nextObjectId);
        _nextObjectId++;
    }

    private void WriteFields(object value, TypeShape shape)
    {
        var fields = shape.Fields;
        var names = shape.FieldNames;
        for (int i = 0; i < fields.Length; i++)
        {
            PushPath(names[i]);
            WriteValue(fields[i].GetValue(value));
            PopPath();
        }
    }

    private void WriteArray(Array array, TypeShape shape)
    {
        WriteTag(shape.Kind == ShapeKind.RawArray ? WireTag.RawArray : WireTag.Array);
        WriteType(shape.ElementType!);
        int rank = array.GetType().IsSZArray ? 0 : array.Rank;
        WriteByte((byte)rank);
        if (rank == 0)
        {
            WriteVarUInt((uint)array.Length);
        }
        else
        {
            for (int d = 0; d < rank; d++)
            {
                WriteVarUInt((uint)array.GetLength(d));
            }
        }

        if (shape.Kind == ShapeKind.RawArray)
        {
            long bytes = (long)array.LongLength * shape.ElementSize;
            if (bytes > Array.MaxLength)
            {
                throw new InvalidOperationException("The array exceeds 2 GiB; ship large arrays through the data plane instead.");
            }

            WriteRaw(MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), (int)bytes));
            return;
        }

        PushPath("[]");
        if (array is object?[] objects)
        {
            // Covariant reference arrays: read through object?[] without per-element boxing or bounds checks on rank.
            foreach (object? item in objects)
            {
                WriteValue(item);
            }
        }
        else
        {
            // Multi-dimensional and value-type arrays enumerate in row-major order, as the reader fills them.
            foreach (object? item in array)
            {
                WriteValue(item);
            }
        }

        PopPath();
    }
}
