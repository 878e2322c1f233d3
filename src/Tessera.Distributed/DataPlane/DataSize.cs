namespace Tessera.Distributed.DataPlane;

/// <summary>Estimates of the memory a result holds, for transfer budgets and worker memory accounting.</summary>
internal static class DataSize
{
    /// <summary>Bytes assumed for a value whose size we cannot know cheaply.</summary>
    public const long UnknownGuess = 64;

    /// <summary>
    /// Bytes held by <paramref name="value"/>: an NDArray's logical bytes, a primitive array's element bytes,
    /// 2 bytes per string character, 0 for null, otherwise <see cref="UnknownGuess"/>.
    /// </summary>
    /// <param name="value">Any result.</param>
    public static long Of(object? value) => value switch
    {
        null => 0,
        string s => 2L * s.Length,
        Array a when a.GetType().GetElementType() is { IsPrimitive: true } element =>
            a.LongLength * DTypes.ItemSize(element == typeof(nint) || element == typeof(nuint) ? typeof(long) : element),
        _ when NDArrayCodec.TryDescribe(value, out var dtype, out var shape) => NDArrayCodec.ByteCount(dtype, shape),
        _ => UnknownGuess,
    };
}
