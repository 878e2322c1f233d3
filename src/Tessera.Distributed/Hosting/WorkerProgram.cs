using System.CommandLine;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// Entry point when this assembly runs as a worker process launched by a cluster
/// (<c>dotnet exec Tessera.Distributed.dll worker &lt;scheduler-address&gt; …</c>).
/// </summary>
internal static class WorkerProgram
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Tessera worker process.") { WorkerCommand.Create(), SchedulerCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }
}
