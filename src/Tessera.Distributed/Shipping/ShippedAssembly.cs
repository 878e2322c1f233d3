namespace Tessera.Distributed.Shipping;

/// <summary>A user assembly that a client uploads to workers, named by its full name and content hash.</summary>
/// <param name="FullName">The assembly's full name.</param>
/// <param name="Hash">Lowercase hex SHA-256 of <paramref name="Bytes"/>.</param>
/// <param name="Bytes">The assembly file's bytes.</param>
internal sealed record ShippedAssembly(string FullName, string Hash, byte[] Bytes);
