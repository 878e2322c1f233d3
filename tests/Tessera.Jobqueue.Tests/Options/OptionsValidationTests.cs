namespace Tessera.Jobqueue.Tests.Options;

public class OptionsValidationTests
{
    [Fact]
    public void MalformedMemory_IsRefusedAtConstruction()
    {
        var error = Assert.Throws<FormatException>(() => new SlurmClusterOptions { Memory = "16 gigs" });
        Assert.Contains("Memory \"16 gigs\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"16GB\"", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => new SlurmClusterOptions { JobMem = "lots" });
        Assert.Throws<FormatException>(() => new PbsClusterOptions { JobMem = "lots" });
    }

    [Fact]
    public void MalformedWalltime_IsRefusedAtConstruction()
    {
        var error = Assert.Throws<FormatException>(() => new SlurmClusterOptions { Walltime = "1 hour" });
        Assert.Contains("Walltime \"1 hour\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("D-HH:MM:SS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeNumbers_AreRefusedAtConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlurmClusterOptions { Cores = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlurmClusterOptions { Processes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlurmClusterOptions { NWorkers = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlurmClusterOptions { JobCpu = 0 });
        Assert.Throws<ArgumentException>(() => new SlurmClusterOptions { JobName = " " });
        Assert.Throws<ArgumentException>(() => new SlurmClusterOptions { WorkerCommand = "" });
    }

    [Fact]
    public void ProcessesThatDoNotDivideCores_AreRefusedWhenRendered()
    {
        var more = new SlurmClusterOptions { Cores = 2, Processes = 4 };
        Assert.Contains("Processes (4) is more than Cores (2)", Assert.Throws<ArgumentException>(more.Validate).Message, StringComparison.Ordinal);
        var uneven = new SlurmClusterOptions { Cores = 5, Processes = 2 };
        Assert.Contains("Cores (5) is not a multiple of Processes (2)", Assert.Throws<ArgumentException>(() => uneven.Backend.JobScript(uneven, "tcp://h:1")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreDocumentedOnes()
    {
        var options = new SlurmClusterOptions();
        Assert.Equal((0, 1, "2GB", 1, "01:00:00", "tessera-worker", Tessera.Distributed.Hosting.WorkerLauncher.DefaultCommandLine(), "#!/usr/bin/env bash"),
            (options.NWorkers, options.Cores, options.Memory, options.Processes, options.Walltime, options.JobName, options.WorkerCommand, options.ShebangLine));
        Assert.Equal(TimeSpan.FromSeconds(60), options.DeathTimeout);
        Assert.Equal(SlurmMemoryDirective.Mem, options.MemoryDirective);
        Assert.Empty(options.JobExtraDirectives);
    }
}
