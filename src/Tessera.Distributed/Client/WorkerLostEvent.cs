namespace Tessera.Distributed;

/// <summary>A worker left the cluster, as the scheduler told the client (see <see cref="Client.WorkerEvents"/>).</summary>
/// <param name="Name">The worker's name.</param>
/// <param name="Address">Its data address, <c>tcp://host:port</c>.</param>
/// <param name="Reason">Why, e.g. <c>retired</c>, <c>exceeded 95% of its 2 GiB memory limit …</c>, <c>connection lost …</c>.</param>
/// <param name="Expected">True when it left on purpose (retired, closed); false when it died, was killed or was terminated for memory.</param>
/// <param name="Time">When the client heard of it (UTC).</param>
public sealed record WorkerLostEvent(string Name, string Address, string Reason, bool Expected, DateTimeOffset Time);
