using Microsoft.Extensions.Configuration;

namespace Tessera.Jobqueue.Tests.Configuration;

// one class: its tests set process-wide environment variables, so they must not run in parallel
public sealed class JobQueueConfigurationTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"tessera-config-{Guid.NewGuid():N}.json");

    public void Dispose()
    {
        File.Delete(file);
        Environment.SetEnvironmentVariable("TESSERA_JOBQUEUE__SLURM__QUEUE", null);
        Environment.SetEnvironmentVariable("TESSERA_JOBQUEUE__SLURM__MEMORY", null);
    }

    [Fact]
    public void ConfigFileSection_OverridesTheDefaults()
    {
        File.WriteAllText(file, """
            {"jobqueue": {
              "slurm": {"queue": "cpu19_rh8", "account": "formation_isae", "cores": 2, "memory": "16GB",
                        "walltime": "02:00:00", "jobExtraDirectives": ["--qos=cpu_2019_40"], "memoryDirective": "MemPerCpu",
                        "deathTimeout": "00:02:00", "workerCommand": "dotnet /opt/t/tessera.dll worker"},
              "pbs": {"queue": "workq"}}}
            """);
        var slurm = JobQueueConfiguration.Load<SlurmClusterOptions>(JobQueueConfiguration.Build(file));
        Assert.Equal(("cpu19_rh8", "formation_isae", 2, "16GB", "02:00:00"), (slurm.Queue, slurm.Account, slurm.Cores, slurm.Memory, slurm.Walltime));
        Assert.Equal(["--qos=cpu_2019_40"], slurm.JobExtraDirectives);
        Assert.Equal(SlurmMemoryDirective.MemPerCpu, slurm.MemoryDirective);
        Assert.Equal(TimeSpan.FromMinutes(2), slurm.DeathTimeout);
        Assert.Equal("dotnet /opt/t/tessera.dll worker", slurm.WorkerCommand);
        Assert.Equal(1, slurm.Processes);
        Assert.Equal("workq", JobQueueConfiguration.Load<PbsClusterOptions>(JobQueueConfiguration.Build(file)).Queue);
        Assert.Null(JobQueueConfiguration.Load<SgeClusterOptions>(JobQueueConfiguration.Build(file)).Queue);
    }

    [Fact]
    public void EnvironmentVariables_OverrideTheFile_AndCodeOverridesBoth()
    {
        File.WriteAllText(file, """{"jobqueue": {"slurm": {"queue": "cpu19_rh8", "cores": 4}}}""");
        Environment.SetEnvironmentVariable("TESSERA_JOBQUEUE__SLURM__QUEUE", "debug");
        var options = JobQueueConfiguration.Load<SlurmClusterOptions>(JobQueueConfiguration.Build(file));
        Assert.Equal(("debug", 4), (options.Queue, options.Cores));
        Assert.Equal("gpu", (options with { Queue = "gpu" }).Queue);
    }

    [Fact]
    public void MalformedConfiguredValue_IsRefusedNamingTheValue()
    {
        Environment.SetEnvironmentVariable("TESSERA_JOBQUEUE__SLURM__MEMORY", "sixteen");
        var error = Assert.Throws<InvalidOperationException>(() => JobQueueConfiguration.Load<SlurmClusterOptions>(
            new ConfigurationBuilder().AddEnvironmentVariables(JobQueueConfiguration.EnvironmentPrefix).Build()));
        Assert.Contains("jobqueue:slurm", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"sixteen\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingNamedFile_IsAnError()
    {
        Assert.Throws<FileNotFoundException>(() => JobQueueConfiguration.Build(file));
    }
}
