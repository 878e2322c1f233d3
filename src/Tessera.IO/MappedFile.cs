using System.IO.MemoryMappedFiles;

namespace Tessera.IO;

/// <summary>A file mapped into memory, owned by the arrays that view it (see <see cref="NDArray.WrapExternal{T}"/>).</summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private int _disposed;

    private MappedFile(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* pointer)
    {
        _file = file;
        _view = view;
        Pointer = pointer;
    }

    /// <summary>The first byte of the file.</summary>
    public byte* Pointer { get; }

    /// <summary>Maps the first <paramref name="length"/> bytes of <paramref name="path"/>.</summary>
    public static MappedFile Open(string path, MemoryMappedFileAccess access, long length)
    {
        var fileAccess = access == MemoryMappedFileAccess.ReadWrite ? FileAccess.ReadWrite : FileAccess.Read;
        var stream = new FileStream(path, FileMode.Open, fileAccess, FileShare.Read | FileShare.Delete);
        MemoryMappedFile? file = null;
        try
        {
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, access, HandleInheritability.None, leaveOpen: false);
            var view = file.CreateViewAccessor(0, length, access);
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            return new MappedFile(file, view, p + view.PointerOffset);
        }
        catch
        {
            if (file is null)
            {
                stream.Dispose();
            }

            file?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
