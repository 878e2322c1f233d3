using Tessera.Scheduling;

namespace Tessera.Tests.Scheduling;

/// <summary>A result that records how often it was released.</summary>
internal sealed class Releasable(long value) : IReleasableResult
{
    private int _releases;

    public long Value { get; } = value;

    public int Releases => Volatile.Read(ref _releases);

    public void ReleaseResult() => Interlocked.Increment(ref _releases);

    public override string ToString() => $"Releasable({Value}, released {Releases}x)";
}
