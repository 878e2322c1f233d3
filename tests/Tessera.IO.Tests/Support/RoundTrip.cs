using System.Globalization;

namespace Tessera.IO.Tests.Support;

/// <summary>Random shapes, chunkings and selections for the storage round-trip properties, with a dense oracle.</summary>
internal sealed class RoundTrip(int seed)
{
    private readonly Random _random = new(seed);

    public long[] Shape() => [.. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => (long)_random.Next(1, 13))];

    public long[] Blocks(long[] shape) => [.. shape.Select(n => (long)_random.Next(1, (int)n + 1))];

    public int Axis(long[] shape) => _random.Next(shape.Length);

    /// <summary>A random selection: per axis an index, or a range with a step of 1 to 3.</summary>
    public SliceSpec[] Selection(long[] shape) =>
        [.. shape.Select(n =>
        {
            if (_random.Next(4) == 0)
            {
                return SliceSpec.At(_random.Next((int)n));
            }

            long start = _random.Next((int)n);
            long stop = _random.Next((int)start + 1, (int)n + 1);
            return SliceSpec.Range(start, stop, _random.Next(1, 4));
        })];

    public static string Describe(long[] shape, long[] blocks, SliceSpec[] selection) =>
        $"shape ({string.Join(", ", shape)}), blocks ({string.Join(", ", blocks)}), selection [{string.Join(", ", selection.Select(Format))}]";

    /// <summary>Asserts that <paramref name="back"/> computes to <paramref name="dense"/>, whole and under <paramref name="selection"/>.</summary>
    public static async Task AssertMatches<T>(DArray<T> back, NDArray<T> dense, SliceSpec[] selection, string what)
        where T : unmanaged
    {
        using var all = await back.ComputeAsync();
        Assert.True(all.ToArray().SequenceEqual(dense.ToArray()), what);
        using var expected = dense.Slice(selection);
        using var got = await back[selection].ComputeAsync();
        Assert.True(got.Shape.SequenceEqual(expected.Shape), what);
        Assert.True(got.ToArray().SequenceEqual(expected.ToArray()), what);
    }

    /// <summary>Values of element type <typeparamref name="T"/> from a deterministic pattern.</summary>
    public static T[] Values<T>(long n)
        where T : unmanaged
    {
        var values = new T[n];
        for (long i = 0; i < n; i++)
        {
            values[i] = (T)(object)(typeof(T) == typeof(bool) ? i % 3 == 1
                : typeof(T) == typeof(double) ? (i * 0.5) - 7
                : typeof(T) == typeof(float) ? (float)((i * 0.25) - 3)
                : typeof(T) == typeof(byte) ? (byte)(i * 7)
                : typeof(T) == typeof(short) ? (short)((i * 13) - 500)
                : typeof(T) == typeof(int) ? (int)((i * 1001) - 30000)
                : typeof(T) == typeof(ulong) ? (ulong)i << 40
                : (object)((i * 3_000_000_007L) - 5));
        }

        return values;
    }

    private static string Format(SliceSpec s) =>
        s.IsIndex ? s.Start!.Value.ToString(CultureInfo.InvariantCulture) : $"{s.Start}:{s.Stop}:{s.Step}";
}
