using PureHDF.VOL.Native;

namespace Tessera.IO.Hdf5;

/// <summary>
/// PureHDF's writing chunk cache for blocks that are whole chunks: a chunk is encoded and written as soon as the
/// next one is asked for, so the writer holds one chunk, not the whole dataset (PureHDF's default cache keeps every
/// chunk until the file is closed).
/// </summary>
internal sealed class StreamingChunkCache : IWritingChunkCache
{
    private readonly HashSet<ulong> _written = [];
    private ulong _index;
    private Memory<byte>? _chunk;
    private Action<ulong, Memory<byte>>? _writeHeld;

    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        if (_chunk is { } held && _index == chunkIndex)
        {
            return held;
        }

        // PureHDF 2.2's chunkWriter writes to the chunk it was passed for, whatever index it is given: write the held
        // chunk with the writer that came with it.
        if (_writeHeld is { } writeHeld)
        {
            Flush(writeHeld);
        }

        if (!_written.Add(chunkIndex))
        {
            throw new InvalidOperationException($"ToHdf5: chunk {chunkIndex} was written twice; blocks must be whole chunks.");
        }

        _index = chunkIndex;
        _chunk = chunkAllocator();
        _writeHeld = chunkWriter;
        return _chunk.Value;
    }

    public void Flush(Action<ulong, Memory<byte>> chunkWriter)
    {
        if (_chunk is { } held)
        {
            chunkWriter(_index, held);
            _chunk = null;
            _writeHeld = null;
        }
    }
}
