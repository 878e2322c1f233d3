using Microsoft.Extensions.Hosting;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// The scheduler's web host lives inside someone else's program (a client with a LocalCluster, a SlurmCluster, the
/// CLI): it must not take over Ctrl+C and SIGTERM as the default console lifetime does, which kept such a program
/// running after Ctrl+C or SIGTERM with only its scheduler stopped. The program owns its signals; the host is
/// started and stopped by <see cref="SchedulerServer"/>.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
