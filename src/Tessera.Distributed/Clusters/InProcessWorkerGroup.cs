using Tessera.Distributed.Hosting;

namespace Tessera.Distributed.Clusters;

/// <summary>A worker running inside this process (LocalCluster with <c>Processes = false</c>).</summary>
internal sealed class InProcessWorkerGroup : WorkerGroup
{
    private readonly Worker _worker;

    private InProcessWorkerGroup(string name, Worker worker)
        : base(name) => _worker = worker;

    public override bool HasExited => _worker.Completion.IsCompleted;

    internal override Task Exited => _worker.Completion;

    public static async Task<WorkerGroup> StartAsync(string name, WorkerOptions options, CancellationToken ct) =>
        new InProcessWorkerGroup(name, await Worker.StartAsync(options, ct).ConfigureAwait(false));

    public override string Describe() => $"In-process worker {Name}: {_worker.StopReason ?? "running"}.";

    public override ValueTask DisposeAsync() => _worker.DisposeAsync();
}
