namespace Tessera.Distributed.DataPlane;

/// <summary>One key's answer from a <see cref="DataClient.FetchAsync"/> batch.</summary>
/// <param name="Key">The key asked for.</param>
/// <param name="Found">Whether the server held it (a missing key is not an error).</param>
/// <param name="Value">The value (an <see cref="NDArray{T}"/> the caller owns, or what the decoder returned).</param>
/// <param name="NBytes">Payload bytes received for this key.</param>
internal readonly record struct FetchResult(string Key, bool Found, object? Value, long NBytes);
