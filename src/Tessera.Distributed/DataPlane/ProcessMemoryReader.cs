namespace Tessera.Distributed.DataPlane;

/// <summary>Copies <paramref name="length"/> bytes at <paramref name="remoteAddress"/> in process <paramref name="pid"/> to <paramref name="destination"/>.</summary>
/// <returns>False when the copy was refused.</returns>
internal delegate bool ProcessMemoryReader(int pid, long remoteAddress, nint destination, long length);
