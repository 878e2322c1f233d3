using System.Runtime.InteropServices;
using System.Text;

namespace Tessera.IO.Tests.Zarr;

/// <summary>A minimal .npy reader for the tests' expected values (NumPy writes them; little-endian, C order).</summary>
internal static class NpyText
{
    public static T[] Load<T>(string path)
        where T : unmanaged
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = bytes[6] == 1 ? BitConverter.ToUInt16(bytes, 8) + 10 : BitConverter.ToInt32(bytes, 8) + 12;
        string header = Encoding.ASCII.GetString(bytes, 0, headerLength);
        Assert.Contains("'fortran_order': False", header, StringComparison.Ordinal);
        return MemoryMarshal.Cast<byte, T>(bytes.AsSpan(headerLength)).ToArray();
    }
}
