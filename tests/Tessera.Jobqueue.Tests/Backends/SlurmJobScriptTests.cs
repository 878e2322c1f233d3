namespace Tessera.Jobqueue.Tests.Backends;

public class SlurmJobScriptTests
{
    private const string Scheduler = "tcp://127.0.0.1:8786";

    private static string[] Lines(JobQueueClusterOptions options, int jobIndex = 0) =>
        options.Backend.JobScript(options, Scheduler, jobIndex).Split('\n');

    [Fact]
    public void NotebookOptions_RenderEveryLineExactly()
    {
        var options = new SlurmClusterOptions
        {
            Cores = 2,
            Memory = "16GB",
            Processes = 1,
            Queue = "cpu19_rh8",
            Account = "formation_isae",
            Walltime = "01:00:00",
            Interface = "lo",
            LogDirectory = "/tmp/logs",
            LocalDirectory = "$TMPDIR",
            JobExtraDirectives = ["--qos=cpu_2019_40"],
            JobScriptPrologue = ["module load dotnet", "export OMP_NUM_THREADS=1"],
            WorkerExtraArgs = ["--resources", "GPU=1"],
            WorkerCommand = "tessera worker",
        };
        string expected = """
            #!/usr/bin/env bash

            #SBATCH -J tessera-worker
            #SBATCH -e /tmp/logs/tessera-worker-%J.err
            #SBATCH -o /tmp/logs/tessera-worker-%J.out
            #SBATCH -p cpu19_rh8
            #SBATCH -A formation_isae
            #SBATCH -n 1
            #SBATCH --cpus-per-task=2
            #SBATCH --mem=15G
            #SBATCH -t 01:00:00
            #SBATCH --qos=cpu_2019_40

            module load dotnet
            export OMP_NUM_THREADS=1
            tessera worker tcp://127.0.0.1:8786 --nthreads 2 --nworkers 1 --memory-limit 16GB --name tessera-worker-3 --local-directory "$TMPDIR" --lifetime 3300s --lifetime-stagger 100s --death-timeout 60s --interface lo --resources GPU=1

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), options.Backend.JobScript(options, Scheduler, jobIndex: 3));
    }

    [Fact]
    public void Defaults_RenderTheMinimalScript()
    {
        Assert.Equal(
            [
                "#!/usr/bin/env bash", "",
                "#SBATCH -J tessera-worker", "#SBATCH -n 1", "#SBATCH --cpus-per-task=1", "#SBATCH --mem=2G", "#SBATCH -t 01:00:00", "",
                Tessera.Distributed.Hosting.WorkerLauncher.DefaultCommandLine() + " tcp://127.0.0.1:8786 --nthreads 1 --nworkers 1 --memory-limit 2GB --name tessera-worker-0 --lifetime 3300s --lifetime-stagger 100s --death-timeout 60s",
                "",
            ],
            Lines(new SlurmClusterOptions()));
    }

    [Fact]
    public void Processes_SplitThreadsAndMemoryAmongWorkers()
    {
        string command = Lines(new SlurmClusterOptions { Cores = 4, Memory = "16GB", Processes = 2 })[^2];
        Assert.Contains(" --nthreads 2 --nworkers 2 --memory-limit 8GB ", command, StringComparison.Ordinal);
        string uneven = Lines(new SlurmClusterOptions { Cores = 3, Memory = "16GB", Processes = 3 })[^2];
        Assert.Contains(" --nthreads 1 --nworkers 3 --memory-limit 5333333333 ", uneven, StringComparison.Ordinal);
    }

    [Fact]
    public void MemPerCpu_DividesTheJobMemoryByItsCpus()
    {
        var lines = Lines(new SlurmClusterOptions { Cores = 4, Memory = "16GiB", MemoryDirective = SlurmMemoryDirective.MemPerCpu });
        Assert.Contains("#SBATCH --mem-per-cpu=4G", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("#SBATCH --mem=", StringComparison.Ordinal));
    }

    [Fact]
    public void JobCpuAndJobMem_OverrideWhatIsAskedButNotTheWorkers()
    {
        var lines = Lines(new SlurmClusterOptions { Cores = 2, Memory = "4GB", JobCpu = 8, JobMem = "500MB" });
        Assert.Contains("#SBATCH --cpus-per-task=8", lines);
        Assert.Contains("#SBATCH --mem=477M", lines);
        Assert.Contains(" --nthreads 2 --nworkers 1 --memory-limit 4GB ", lines[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void JobDirectivesSkip_DropsGeneratedLinesOnlyNotExtraOnes()
    {
        var lines = Lines(new SlurmClusterOptions { JobDirectivesSkip = ["--mem", "-n 1"], JobExtraDirectives = ["--mem=0", "--exclusive"] });
        Assert.DoesNotContain("#SBATCH --mem=2G", lines);
        Assert.DoesNotContain("#SBATCH -n 1", lines);
        Assert.Contains("#SBATCH --mem=0", lines);
        Assert.Equal("#SBATCH --exclusive", lines[Array.IndexOf(lines, "#SBATCH --mem=0") + 1]);
    }

    [Theory]
    [InlineData("2-00:00:00", "#SBATCH -t 2-00:00:00", "--lifetime 172500s --lifetime-stagger 100s")]
    [InlineData("30", "#SBATCH -t 00:30:00", "--lifetime 1500s --lifetime-stagger 100s")]
    [InlineData("00:01:00", "#SBATCH -t 00:01:00", "--lifetime 45s --lifetime-stagger 5s")]
    [InlineData("1-12", "#SBATCH -t 1-12:00:00", "--lifetime 129300s --lifetime-stagger 100s")]
    public void Walltime_IsWrittenInSlurmsFormAndGivesTheWorkersALifetime(string walltime, string directive, string lifetime)
    {
        var lines = Lines(new SlurmClusterOptions { Walltime = walltime });
        Assert.Contains(directive, lines);
        Assert.Contains(lifetime, lines[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void NoWalltimeOrDeathTimeout_LeavesTheirLinesAndFlagsOut()
    {
        var lines = Lines(new SlurmClusterOptions { Walltime = null, DeathTimeout = null });
        Assert.DoesNotContain(lines, l => l.StartsWith("#SBATCH -t", StringComparison.Ordinal));
        Assert.DoesNotContain("--lifetime", lines[^2], StringComparison.Ordinal);
        Assert.DoesNotContain("--death-timeout", lines[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void LifetimeMargin_IsOverridable()
    {
        Assert.Contains("--lifetime 3000s --lifetime-stagger 200s", Lines(new SlurmClusterOptions { LifetimeMargin = TimeSpan.FromMinutes(10) })[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void WorkerCommandShebangAndJobName_AreUsedVerbatim()
    {
        var lines = Lines(new SlurmClusterOptions
        {
            WorkerCommand = "dotnet /opt/tessera/tessera.dll worker",
            ShebangLine = "#!/bin/bash -l",
            JobName = "facets",
            LogDirectory = "logs",
            DeathTimeout = TimeSpan.FromSeconds(90),
        }, jobIndex: 7);
        Assert.Equal("#!/bin/bash -l", lines[0]);
        Assert.Contains("#SBATCH -J facets", lines);
        Assert.Contains("#SBATCH -o logs/facets-%J.out", lines);
        Assert.StartsWith("dotnet /opt/tessera/tessera.dll worker tcp://127.0.0.1:8786 ", lines[^2], StringComparison.Ordinal);
        Assert.Contains("--name facets-7 ", lines[^2], StringComparison.Ordinal);
        Assert.Contains("--death-timeout 90s", lines[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void WorkerArguments_AreShellQuotedButVariablesStillExpand()
    {
        string command = Lines(new SlurmClusterOptions { LocalDirectory = "/scratch/$USER/tessera dir", WorkerExtraArgs = ["--tag", "it's"] })[^2];
        Assert.Contains("--local-directory /scratch/\"$USER\"'/tessera dir'", command, StringComparison.Ordinal);
        Assert.EndsWith("--tag 'it'\\''s'", command, StringComparison.Ordinal);
    }

    [Fact]
    public void NWorkers_IsNotPartOfTheScript()
    {
        Assert.Equal(Lines(new SlurmClusterOptions()), Lines(new SlurmClusterOptions { NWorkers = 4 }));
    }

    [Fact]
    public void LogFiles_NameTheJobsOutputAndErrorFiles()
    {
        var options = new SlurmClusterOptions { LogDirectory = "/tmp/logs" };
        Assert.Equal(("/tmp/logs/tessera-worker-12.out", "/tmp/logs/tessera-worker-12.err"), options.Backend.LogFiles(options, "12"));
    }

    [Fact]
    public void BackendData_IsSlurms()
    {
        var slurm = JobQueueBackend.Slurm;
        Assert.Equal("slurm", slurm.Name);
        Assert.Equal("#SBATCH", slurm.DirectivePrefix);
        Assert.Equal(["sbatch", "--parsable"], slurm.SubmitCommand);
        Assert.Equal(["scancel"], slurm.CancelCommand);
        Assert.Equal(["squeue", "-h", "-o", "%T", "-j"], slurm.StatusCommand);
        Assert.Equal("12", slurm.JobIdPattern.Match("12;ci\n".Trim()).Groups["id"].Value);
    }

    [Fact]
    public void OptionsOfAnotherBackend_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => JobQueueBackend.Slurm.JobScript(new PbsClusterOptions(), Scheduler));
        Assert.Contains("PbsClusterOptions", error.Message, StringComparison.Ordinal);
    }
}
