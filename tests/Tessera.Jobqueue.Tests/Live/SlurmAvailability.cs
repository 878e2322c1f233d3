namespace Tessera.Jobqueue.Tests.Live;

/// <summary>Whether a real SLURM answers here; live tests skip with the reason when not.</summary>
internal static class SlurmAvailability
{
    private static readonly Lazy<string?> Reason = new(Probe);

    /// <summary>Null when SLURM answers, else why the live tests are skipped.</summary>
    public static string? SkipReason => Reason.Value;

    private static string? Probe()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        bool hasSbatch = path is not null && path.Split(':').Any(dir => File.Exists(Path.Combine(dir, "sbatch")));
        if (!hasSbatch) return "sbatch is not on PATH: start SLURM with .ci/slurm/start.sh to run the live tests";
        try
        {
            var result = new CommandRunner().RunAsync(["scontrol", "ping"], null, TimeSpan.FromSeconds(20), CancellationToken.None).GetAwaiter().GetResult();
            return result.StandardOutput.Contains("is UP", StringComparison.Ordinal)
                ? null
                : $"SLURM is installed but its controller does not answer (`scontrol ping`: {result.StandardOutput.Trim()} {result.StandardError.Trim()}); start it with .ci/slurm/start.sh";
        }
        catch (JobQueueCommandException e)
        {
            return $"SLURM does not answer: {e.Message}";
        }
    }
}
