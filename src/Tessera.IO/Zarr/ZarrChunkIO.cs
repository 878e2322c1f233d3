using System.Buffers;
using System.Runtime.InteropServices;
using Tessera.IO.Stores;

namespace Tessera.IO.Zarr;

/// <summary>
/// Reads and writes the chunks of one Zarr array: what each block task runs. Holds the store and the parsed metadata
/// (plain fields), so a task that captures it ships to a worker and opens the files there.
/// </summary>
internal sealed class ZarrChunkIO<T>
    where T : unmanaged
{
    private readonly IStore _store;
    private readonly ZarrMetadata _meta;

    public ZarrChunkIO(IStore store, ZarrMetadata meta)
    {
        _store = store;
        _meta = meta;
    }

    public ZarrMetadata Metadata => _meta;

    private long[] ChunkShape => [.. _meta.ChunkShape.Select(n => (long)n)];

    private T Fill => _meta.Fill is { } f ? MemoryMarshal.Read<T>(f) : default;

    /// <summary>Reads the block that is chunk <paramref name="info"/>.Index (clipped to the array at its edges); a missing chunk reads as the fill value.</summary>
    public NDArray<T> ReadBlock(BlockInfo info)
    {
        long[] index = [.. info.Index.Select(i => (long)i)];
        string key = _meta.ChunkKey(index);
        var chunkShape = ChunkShape;
        bool whole = info.Shape.AsSpan().SequenceEqual(chunkShape);
        NDArray<T>? chunk = null;
        try
        {
            if (_meta.Pipeline.IsRaw(_meta.DType.ItemSize))
            {
                // Uncompressed: the file's bytes go straight into the block's buffer.
                chunk = NDArray.Empty<T>(chunkShape);
                long n = _store.ReadExact(key, MemoryMarshal.AsBytes(chunk.AsSpan()));
                if (n < 0)
                {
                    chunk.Dispose();
                    return NDArray.Full(Fill, info.Shape);
                }

                if (n != chunk.NBytes)
                {
                    throw new InvalidDataException($"holds {n} bytes where a chunk of shape ({string.Join(", ", chunkShape)}) of {_meta.DType.Name} has {chunk.NBytes}.");
                }
            }
            else
            {
                // Compressed: the file goes into a pooled buffer (no large-object allocation per chunk), then is
                // decoded straight into the block's buffer.
                byte[]? encoded = _store.ReadPooled(key, out int length);
                if (encoded is null)
                {
                    return NDArray.Full(Fill, info.Shape);
                }

                try
                {
                    chunk = NDArray.Empty<T>(chunkShape);
                    ChunkCoding.Decode(_meta.Pipeline, encoded.AsSpan(0, length), chunk, _meta.Fill);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(encoded);
                }
            }

            if (whole)
            {
                var result = chunk;
                chunk = null;
                return result;
            }

            return chunk.Slice([.. info.Shape.Select(n => SliceSpec.Range(0, n))]).Copy();
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"Zarr chunk '{ZarrMetadataReader.Where(_store, key)}' ({_meta.Pipeline.Describe()}): {e.Message}", e);
        }
        finally
        {
            chunk?.Dispose();
        }
    }

    /// <summary>
    /// Reads the region at (<paramref name="offset"/>, <paramref name="shape"/>) of the array, which lies inside one
    /// chunk (a block, or the part of it a pushed-down selection needs). A whole block reads as <see cref="ReadBlock"/>;
    /// a part of an uncompressed C-order chunk reads only its own bytes (one read per contiguous run); a part of a
    /// compressed chunk decodes the chunk and keeps the part.
    /// </summary>
    public NDArray<T> ReadRegion(long[] offset, long[] shape)
    {
        var chunkShape = ChunkShape;
        int ndim = chunkShape.Length;
        var index = new int[ndim];
        var local = new long[ndim];
        var blockShape = new long[ndim];
        bool whole = true;
        for (int a = 0; a < ndim; a++)
        {
            index[a] = checked((int)(offset[a] / chunkShape[a]));
            local[a] = offset[a] - (index[a] * chunkShape[a]);
            blockShape[a] = Math.Min(chunkShape[a], _meta.Shape[a] - (index[a] * chunkShape[a]));
            whole &= local[a] == 0 && shape[a] == blockShape[a];
        }

        if (whole || shape.Any(n => n == 0))
        {
            return whole ? ReadBlock(new BlockInfo(index, offset, shape)) : NDArray.Empty<T>(shape);
        }

        if (_meta.Pipeline.IsRaw(_meta.DType.ItemSize))
        {
            return ReadRawPart([.. index.Select(i => (long)i)], local, shape);
        }

        using var block = ReadBlock(new BlockInfo(index, [.. index.Select((i, a) => i * chunkShape[a])], blockShape));
        return block.Slice([.. local.Select((l, a) => SliceSpec.Range(l, l + shape[a]))]).Copy();
    }

    private NDArray<T> ReadRawPart(long[] index, long[] local, long[] shape)
    {
        string key = _meta.ChunkKey(index);
        var chunkShape = ChunkShape;
        long itemSize = _meta.DType.ItemSize;
        long expected = chunkShape.Aggregate(itemSize, (x, y) => x * y);
        long length = _store.ReadExact(key, []);
        if (length < 0)
        {
            return NDArray.Full(Fill, shape);
        }

        if (length != expected)
        {
            throw new InvalidDataException(
                $"Zarr chunk '{ZarrMetadataReader.Where(_store, key)}' (none): holds {length} bytes where a chunk of shape ({string.Join(", ", chunkShape)}) of {_meta.DType.Name} has {expected}.");
        }

        var result = NDArray.Empty<T>(shape);
        var bytes = MemoryMarshal.AsBytes(result.AsSpan());
        int ndim = shape.Length;
        long run = shape[^1] * itemSize;
        var at = new long[ndim];
        long runs = shape.Take(ndim - 1).Aggregate(1L, (x, y) => x * y);
        for (long r = 0; r < runs; r++)
        {
            // The run's first element, in C order over the stored chunk.
            long element = 0;
            for (int a = 0; a < ndim; a++)
            {
                element = (element * chunkShape[a]) + local[a] + at[a];
            }

            var target = bytes.Slice((int)(r * run), (int)run);
            if (_store.ReadRange(key, element * itemSize, target) != run)
            {
                result.Dispose();
                throw new InvalidDataException($"Zarr chunk '{ZarrMetadataReader.Where(_store, key)}' (none): shorter than its {expected} bytes when read.");
            }

            for (int a = ndim - 2; a >= 0; a--)
            {
                if (++at[a] < shape[a])
                {
                    break;
                }

                at[a] = 0;
            }
        }

        return result;
    }

    /// <summary>
    /// Writes <paramref name="block"/>, whose first element is at <paramref name="start"/> in the array and whose edges
    /// lie on chunk boundaries (or the array's end), as the chunks it covers; returns how many it wrote.
    /// </summary>
    public long WriteBlock(NDArray<T> block, long[] start)
    {
        var chunkShape = ChunkShape;
        int ndim = chunkShape.Length;
        var first = new long[ndim];
        var count = new long[ndim];
        for (int a = 0; a < ndim; a++)
        {
            first[a] = start[a] / chunkShape[a];
            count[a] = (block.Shape[a] + chunkShape[a] - 1) / chunkShape[a];
        }

        long written = 0;
        foreach (var local in Enumerate(count))
        {
            var index = new long[ndim];
            var region = new SliceSpec[ndim];
            bool whole = true;
            for (int a = 0; a < ndim; a++)
            {
                index[a] = first[a] + local[a];
                long from = local[a] * chunkShape[a];
                long to = Math.Min(from + chunkShape[a], block.Shape[a]);
                region[a] = SliceSpec.Range(from, to);
                whole &= to - from == chunkShape[a];
            }

            string key = _meta.ChunkKey(index);
            var part = block.Slice(region);
            if (whole && part.IsContiguous && !part.IsConstant && _meta.Pipeline.IsRaw(_meta.DType.ItemSize))
            {
                // Uncompressed and laid out as stored: the block's memory goes to the file as is.
                Set(key, MemoryMarshal.AsBytes(part.AsSpan()));
                written++;
                continue;
            }

            byte[] bytes;
            if (whole)
            {
                bytes = ChunkCoding.Encode(_meta.Pipeline, part, _meta.Fill);
            }
            else
            {
                // An edge chunk is stored whole, padded with the fill value (as zarr-python does).
                using var padded = NDArray.Empty<T>(chunkShape);
                padded.Fill(Fill);
                padded.Slice([.. part.Shape.ToArray().Select(n => SliceSpec.Range(0, n))]).CopyFrom(part);
                bytes = ChunkCoding.Encode(_meta.Pipeline, padded, _meta.Fill);
            }

            Set(key, bytes);
            written++;
        }

        return written;
    }

    private void Set(string key, ReadOnlySpan<byte> bytes)
    {
        try
        {
            _store.Set(key, bytes);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"Cannot write Zarr chunk '{ZarrMetadataReader.Where(_store, key)}': {e.Message} (is the store read-only?)", e);
        }
    }

    private static IEnumerable<long[]> Enumerate(long[] count)
    {
        long total = count.Aggregate(1L, (x, y) => x * y);
        var index = new long[count.Length];
        for (long i = 0; i < total; i++)
        {
            yield return (long[])index.Clone();
            for (int a = count.Length - 1; a >= 0; a--)
            {
                if (++index[a] < count[a])
                {
                    break;
                }

                index[a] = 0;
            }
        }
    }
}
