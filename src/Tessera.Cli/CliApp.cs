using System.CommandLine;
using Tessera.Cli.Demos;
using Tessera.Cli.JobScript;
using Tessera.Distributed.Hosting;

namespace Tessera.Cli;

/// <summary>The <c>tessera</c> command line: its root command and subcommands.</summary>
internal static class CliApp
{
    public static RootCommand Create()
    {
        var root = new RootCommand("tessera: parallel and distributed computing for .NET (lazy task graphs, chunked arrays, a distributed scheduler and workers).");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SchedulerCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(JobScriptCommand.Create());
        return root;
    }
}
