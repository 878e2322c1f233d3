using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Tessera.IO.Zarr;

/// <summary>Encodes and decodes one stored chunk (or shard) with a <see cref="ChunkPipeline"/>.</summary>
internal static class ChunkCoding
{
    /// <summary>Decodes <paramref name="encoded"/> into <paramref name="chunk"/> (C-contiguous, the full chunk shape).</summary>
    public static void Decode<T>(ChunkPipeline p, ReadOnlySpan<byte> encoded, NDArray<T> chunk, byte[]? fill)
        where T : unmanaged
    {
        if (p.Sharding is { } sharding)
        {
            DecodeShard(sharding, encoded, chunk, fill);
            return;
        }

        var shape = chunk.Shape.ToArray();
        var target = p.Order is null ? chunk : NDArray.Empty<T>([.. p.Order.Select(a => shape[a])]);
        try
        {
            var bytes = MemoryMarshal.AsBytes(target.AsSpan());
            var codecs = p.Codecs;
            if (codecs.Length == 0)
            {
                if (encoded.Length != bytes.Length)
                {
                    throw new InvalidDataException($"holds {encoded.Length} bytes where a chunk of shape ({string.Join(", ", shape)}) and {bytes.Length} bytes was expected.");
                }

                encoded.CopyTo(bytes);
            }
            else
            {
                ReadOnlySpan<byte> current = encoded;
                byte[]? staged = null;
                for (int i = codecs.Length - 1; i >= 1; i--)
                {
                    staged = codecs[i].Decode(current);
                    current = staged;
                }

                codecs[0].DecodeInto(current, bytes);
            }

            if (p.BigEndian)
            {
                Swap(bytes, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
            }

            if (p.Order is not null)
            {
                chunk.CopyFrom(target.Transpose(Inverse(p.Order)));
            }
        }
        finally
        {
            if (!ReferenceEquals(target, chunk))
            {
                target.Dispose();
            }
        }
    }

    /// <summary>Encodes <paramref name="chunk"/> (the full chunk shape; any layout) to the bytes stored for it.</summary>
    public static byte[] Encode<T>(ChunkPipeline p, NDArray<T> chunk, byte[]? fill)
        where T : unmanaged
    {
        if (p.Sharding is { } sharding)
        {
            return EncodeShard(sharding, chunk, fill);
        }

        NDArray<T>? owned = null;
        var source = chunk;
        if (p.Order is not null)
        {
            owned = chunk.Transpose(p.Order).Copy();
            source = owned;
        }
        else if (!chunk.IsContiguous || chunk.IsConstant)
        {
            owned = chunk.Copy();
            source = owned;
        }

        try
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(source.AsSpan());
            byte[]? current = null;
            if (p.BigEndian && System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > 1)
            {
                current = bytes.ToArray();
                Swap(current, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
                bytes = current;
            }

            if (p.Codecs.Length == 0)
            {
                return current ?? bytes.ToArray();
            }

            foreach (var codec in p.Codecs)
            {
                current = codec.Encode(bytes);
                bytes = current;
            }

            return current!;
        }
        finally
        {
            owned?.Dispose();
        }
    }

    public static int[] Inverse(int[] order)
    {
        var inverse = new int[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            inverse[order[i]] = i;
        }

        return inverse;
    }

    private static void Swap(Span<byte> bytes, int size)
    {
        switch (size)
        {
            case 2: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(bytes), MemoryMarshal.Cast<byte, ushort>(bytes)); break;
            case 4: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(bytes), MemoryMarshal.Cast<byte, uint>(bytes)); break;
            case 8: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(bytes), MemoryMarshal.Cast<byte, ulong>(bytes)); break;
            default: break;
        }
    }

    private static long[] InnerGrid(ShardingSpec s, ReadOnlySpan<long> shard, out long count)
    {
        var grid = new long[shard.Length];
        count = 1;
        for (int a = 0; a < grid.Length; a++)
        {
            if (shard[a] % s.InnerChunk[a] != 0)
            {
                throw new InvalidDataException($"the shard shape ({string.Join(", ", shard.ToArray())}) is not a multiple of the inner chunk shape ({string.Join(", ", s.InnerChunk)}).");
            }

            grid[a] = shard[a] / s.InnerChunk[a];
            count *= grid[a];
        }

        return grid;
    }

    private static IEnumerable<long[]> Indices(long[] grid)
    {
        long total = grid.Aggregate(1L, (x, y) => x * y);
        var index = new long[grid.Length];
        for (long i = 0; i < total; i++)
        {
            yield return (long[])index.Clone();
            for (int a = grid.Length - 1; a >= 0; a--)
            {
                if (++index[a] < grid[a])
                {
                    break;
                }

                index[a] = 0;
            }
        }
    }

    private static SliceSpec[] Region(long[] index, int[] inner) =>
        [.. index.Select((i, a) => SliceSpec.Range(i * inner[a], (i + 1) * inner[a]))];

    private static void DecodeShard<T>(ShardingSpec s, ReadOnlySpan<byte> encoded, NDArray<T> shard, byte[]? fill)
        where T : unmanaged
    {
        var grid = InnerGrid(s, shard.Shape, out long count);
        int indexBytes = checked((int)(16 * count)) + (s.IndexChecksum ? 4 : 0);
        if (encoded.Length < indexBytes)
        {
            throw new InvalidDataException($"shard of {encoded.Length} bytes is shorter than its {indexBytes}-byte index.");
        }

        var index = s.IndexAtStart ? encoded[..indexBytes] : encoded[^indexBytes..];
        if (s.IndexChecksum)
        {
            index = new Codecs.Crc32cCodec().Decode(index);
        }

        T fillValue = fill is null ? default : MemoryMarshal.Read<T>(fill);
        NDArray<T>? scratch = null;
        try
        {
            int n = 0;
            foreach (var at in Indices(grid))
            {
                ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(index[(16 * n)..]);
                ulong length = BinaryPrimitives.ReadUInt64LittleEndian(index[((16 * n) + 8)..]);
                n++;
                var region = shard.Slice(Region(at, s.InnerChunk));
                if (offset == ulong.MaxValue && length == ulong.MaxValue)
                {
                    region.Fill(fillValue);
                    continue;
                }

                if (offset > (ulong)encoded.Length || length > (ulong)encoded.Length - offset)
                {
                    throw new InvalidDataException($"shard index entry {n - 1} points at bytes {offset}..{offset + length}, past the shard's {encoded.Length} bytes.");
                }

                scratch ??= NDArray.Empty<T>([.. s.InnerChunk.Select(x => (long)x)]);
                Decode(s.Inner, encoded.Slice((int)offset, (int)length), scratch, fill);
                region.CopyFrom(scratch);
            }
        }
        finally
        {
            scratch?.Dispose();
        }
    }

    private static byte[] EncodeShard<T>(ShardingSpec s, NDArray<T> shard, byte[]? fill)
        where T : unmanaged
    {
        var grid = InnerGrid(s, shard.Shape, out long count);
        var parts = new List<byte[]>();
        var index = new byte[16 * count];
        long position = s.IndexAtStart ? index.Length + (s.IndexChecksum ? 4 : 0) : 0;
        int n = 0;
        foreach (var at in Indices(grid))
        {
            var bytes = Encode(s.Inner, shard.Slice(Region(at, s.InnerChunk)), fill);
            BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16 * n), (ulong)position);
            BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan((16 * n) + 8), (ulong)bytes.Length);
            parts.Add(bytes);
            position += bytes.Length;
            n++;
        }

        byte[] encodedIndex = s.IndexChecksum ? new Codecs.Crc32cCodec().Encode(index) : index;
        using var output = new MemoryStream();
        if (s.IndexAtStart)
        {
            output.Write(encodedIndex);
        }

        foreach (var part in parts)
        {
            output.Write(part);
        }

        if (!s.IndexAtStart)
        {
            output.Write(encodedIndex);
        }

        return output.ToArray();
    }
}
