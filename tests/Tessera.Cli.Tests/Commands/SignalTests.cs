using System.Diagnostics;
using System.Globalization;

namespace Tessera.Cli.Tests.Commands;

/// <summary>A program that hosts a LocalCluster (and so a scheduler) still ends on SIGTERM, as any program does.</summary>
public sealed class SignalTests
{
    [Fact]
    public async Task SigtermEndsAProgramThatHostsALocalCluster()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        // Long enough to be running when the signal comes: 2,000 small facets.
        Process demo = CliProcess.Start(CliProcess.Dll(), "demo", "facets", "--workers", "1", "--threads-per-worker", "1", "--size", "2048", "--facets", "2000", "--chunk", "512");
        var workers = new List<int>();
        try
        {
            await CliProcess.ReadUntilAsync(demo, "LocalCluster(", timeout.Token);
            workers.AddRange(Children(demo.Id));
            Assert.NotEmpty(workers);
            _ = demo.StandardOutput.ReadToEndAsync(timeout.Token);   // keep the pipe drained
            using (Process kill = Process.Start("kill", ["-TERM", demo.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await demo.WaitForExitAsync(grace.Token);
            Assert.True(demo.HasExited);

            // The worker processes end by themselves (the cluster closed them), not by the cleanup below.
            using var workersGone = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            foreach (int pid in workers)
            {
                while (IsAlive(pid))
                {
                    Assert.False(workersGone.IsCancellationRequested, $"worker process {pid} outlived its host by 20 s");
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
            }

            foreach (int pid in workers.Where(IsAlive))
            {
                // Only reached when the assertion above failed: no stray worker may outlive the test.
                try
                {
                    using var w = Process.GetProcessById(pid);
                    w.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }

            demo.Dispose();
        }
    }

    /// <summary>Whether a process exists and has not exited (a zombie has).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>The direct children of a process, from /proc (the worker processes of its LocalCluster).</summary>
    private static IEnumerable<int> Children(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task")
            .Select(static t => File.ReadAllText(Path.Combine(t, "children")))
            .SelectMany(static text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(static s => int.Parse(s, CultureInfo.InvariantCulture))
            .ToList();
}
