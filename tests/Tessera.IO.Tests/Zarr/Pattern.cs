namespace Tessera.IO.Tests.Zarr;

/// <summary>The values js/values.mjs writes: element i (C order) is ((i * 7 + 3) % 1000) - 500, per dtype.</summary>
internal static class Pattern
{
    public static T[] Of<T>(int n)
        where T : unmanaged
    {
        var result = new T[n];
        for (int i = 0; i < n; i++)
        {
            int v = ((i * 7) + 3) % 1000 - 500;
            object value = typeof(T) switch
            {
                var t when t == typeof(bool) => i % 3 == 0,
                var t when t == typeof(long) => (long)v,
                var t when t == typeof(ulong) => (ulong)(v + 500),
                var t when t == typeof(byte) => (byte)((v + 500) % 256),
                var t when t == typeof(ushort) => (ushort)(v + 500),
                var t when t == typeof(uint) => (uint)(v + 500),
                var t when t == typeof(sbyte) => (sbyte)(v % 128),
                var t when t == typeof(short) => (short)v,
                var t when t == typeof(int) => v,
                var t when t == typeof(float) => v / 4f,
                _ => v / 4.0,
            };
            result[i] = (T)value;
        }

        return result;
    }

    /// <summary>The values as zarrita's read_v3.mjs prints them (64-bit integers as strings).</summary>
    public static string[] AsJsonText<T>(T[] values)
        where T : unmanaged =>
        [.. values.Select(v => v switch
        {
            bool b => b ? "true" : "false",
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            float f => ((double)f).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!,
        })];
}
