using System.Runtime.InteropServices;

namespace Tessera.Distributed.Shipping;

/// <summary>Encodes an <see cref="NDArray{T}"/> as shape + raw contiguous bytes, or shape + value for a constant.</summary>
internal sealed unsafe class NDArrayOps<T> : INDArrayOps
    where T : unmanaged
{
    /// <inheritdoc/>
    public void Write(PayloadWriter writer, object array)
    {
        var a = (NDArray<T>)array;
        ReadOnlySpan<long> shape = a.Shape;
        writer.WriteVarUInt((uint)shape.Length);
        foreach (long n in shape)
        {
            writer.WriteVarLong(n);
        }

        if (a.IsConstant)
        {
            // Reading one element keeps the constant unmaterialised on the client; the worker rebuilds it with Full.
            writer.WriteByte(1);
            writer.WriteBlittable(a.Size == 0 ? default : a[new long[shape.Length]]);
            return;
        }

        writer.WriteByte(0);
        NDArray<T> source = a.IsContiguous ? a : a.Copy();
        try
        {
            for (int i = 0; i < source.SegmentCount; i++)
            {
                writer.WriteRaw(MemoryMarshal.AsBytes(source.GetSegment(i)));
            }

            GC.KeepAlive(source);
        }
        finally
        {
            if (!ReferenceEquals(source, a))
            {
                source.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public object Read(ref PayloadReader reader)
    {
        int rank = reader.ReadCount();
        var shape = new long[rank];
        long size = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = reader.ReadVarLong();
            if (shape[i] < 0)
            {
                throw reader.Malformed("an NDArray has a negative dimension");
            }

            size = checked(size * shape[i]);
        }

        if (reader.ReadByte() == 1)
        {
            return NDArray.Full(reader.ReadBlittable<T>(), shape);
        }

        if (size > reader.Remaining / sizeof(T))
        {
            throw reader.Malformed("an NDArray is longer than the payload");
        }

        NDArray<T> result = NDArray.Empty<T>(shape);
        for (int i = 0; i < result.SegmentCount; i++)
        {
            Span<byte> segment = MemoryMarshal.AsBytes(result.GetSegment(i));
            reader.ReadRaw(segment.Length).CopyTo(segment);
        }

        return result;
    }
}
