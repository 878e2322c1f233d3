namespace Tessera.Jobqueue.Tests.Live;

/// <summary>
/// Whether the live tests may submit jobs here: only when opted in (<c>TESSERA_SLURM_TESTS=1</c>, which
/// <c>.ci/run</c> sets after <c>.ci/slurm/start.sh</c> started its SLURM) and only to the cluster that script
/// starts (ClusterName <c>tessera</c>), so that the README's test command never submits test jobs to the real
/// queues of an HPC centre. Live tests skip with the reason otherwise.
/// </summary>
internal static class SlurmAvailability
{
    private static readonly Lazy<string?> Reason = new(Probe);

    /// <summary>Null when SLURM answers, else why the live tests are skipped.</summary>
    public static string? SkipReason => Reason.Value;

    /// <summary>The ClusterName that .ci/slurm/start.sh writes into its slurm.conf.</summary>
    public const string ProjectClusterName = "tessera";

    private static string? Probe()
    {
        if (Environment.GetEnvironmentVariable("TESSERA_SLURM_TESTS") != "1")
        {
            return "live SLURM tests are opt-in: set TESSERA_SLURM_TESTS=1 after starting the project's own SLURM with .ci/slurm/start.sh (.ci/run does both)";
        }

        string? path = Environment.GetEnvironmentVariable("PATH");
        bool hasSbatch = path is not null && path.Split(':').Any(dir => File.Exists(Path.Combine(dir, "sbatch")));
        if (!hasSbatch)
        {
            return "sbatch is not on PATH: start SLURM with .ci/slurm/start.sh to run the live tests";
        }

        try
        {
            var runner = new CommandRunner();
            var result = runner.RunAsync(["scontrol", "ping"], null, TimeSpan.FromSeconds(20), CancellationToken.None).GetAwaiter().GetResult();
            if (!result.StandardOutput.Contains("is UP", StringComparison.Ordinal))
            {
                return $"SLURM is installed but its controller does not answer (`scontrol ping`: {result.StandardOutput.Trim()} {result.StandardError.Trim()}); start it with .ci/slurm/start.sh";
            }

            var config = runner.RunAsync(["scontrol", "show", "config"], null, TimeSpan.FromSeconds(20), CancellationToken.None).GetAwaiter().GetResult();
            string? name = config.StandardOutput.Split('\n')
                .Select(line => line.Split('=', 2))
                .Where(kv => kv.Length == 2 && kv[0].Trim() == "ClusterName")
                .Select(kv => kv[1].Trim())
                .FirstOrDefault();
            return name == ProjectClusterName
                ? null
                : $"the SLURM answering here is cluster '{name ?? "?"}', not the project's own '{ProjectClusterName}' started by .ci/slurm/start.sh: live tests never submit to another cluster";
        }
        catch (JobQueueCommandException e)
        {
            return $"SLURM does not answer: {e.Message}";
        }
    }
}
