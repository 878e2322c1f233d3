namespace Tessera.Distributed.DataPlane;

/// <summary>A data-plane request that did not arrive whole within <see cref="DataPlaneLimits.RequestTimeout"/>.</summary>
internal sealed class RequestTimeoutException(string message) : Exception(message);
