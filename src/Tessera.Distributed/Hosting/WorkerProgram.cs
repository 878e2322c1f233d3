namespace Tessera.Distributed.Hosting;

/// <summary>
/// Entry point when this assembly is launched as a worker process by <c>LocalCluster</c>
/// (<c>dotnet exec Tessera.Distributed.dll worker &lt;scheduler-address&gt; …</c>).
/// </summary>
internal static class WorkerProgram
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine($"usage: Tessera.Distributed worker <scheduler-address> [options] ({args.Length} args given)");
        return 2;
    }
}
