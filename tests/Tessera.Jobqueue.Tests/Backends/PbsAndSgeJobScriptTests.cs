namespace Tessera.Jobqueue.Tests.Backends;

public class PbsAndSgeJobScriptTests
{
    [Fact]
    public void Pbs_RendersEveryLineExactly()
    {
        var options = new PbsClusterOptions
        {
            Cores = 4,
            Memory = "16GB",
            Processes = 2,
            Queue = "workq",
            Account = "proj42",
            Walltime = "1-02:00:00",
            LogDirectory = "/home/me/logs",
            JobExtraDirectives = ["-m n"],
            JobScriptPrologue = ["module load dotnet"],
            WorkerCommand = "tessera worker",
        };
        string expected = """
            #!/usr/bin/env bash

            #PBS -N tessera-worker
            #PBS -q workq
            #PBS -A proj42
            #PBS -l select=1:ncpus=4:mem=15gb
            #PBS -l walltime=26:00:00
            #PBS -e /home/me/logs/
            #PBS -o /home/me/logs/
            #PBS -m n

            module load dotnet
            tessera worker tcp://10.0.0.1:8786 --nthreads 2 --nworkers 2 --memory-limit 8GB --name tessera-worker-1 --lifetime 93300s --lifetime-stagger 100s --death-timeout 60s

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), options.Backend.JobScript(options, "tcp://10.0.0.1:8786", 1));
        Assert.Equal(("/home/me/logs/tessera-worker.o7", "/home/me/logs/tessera-worker.e7"), options.Backend.LogFiles(options, "7.pbsserver"));
    }

    [Fact]
    public void Pbs_ResourceSpecAndJobCpuJobMem()
    {
        var spec = new PbsClusterOptions { ResourceSpec = "select=1:ncpus=8:mem=30gb:ngpus=1" };
        Assert.Contains("#PBS -l select=1:ncpus=8:mem=30gb:ngpus=1", spec.Backend.JobScript(spec, "tcp://h:1").Split('\n'));
        var job = new PbsClusterOptions { JobCpu = 6, JobMem = "500MiB" };
        Assert.Contains("#PBS -l select=1:ncpus=6:mem=500mb", job.Backend.JobScript(job, "tcp://h:1").Split('\n'));
    }

    [Fact]
    public void Sge_RendersEveryLineExactly()
    {
        var options = new SgeClusterOptions
        {
            Cores = 8,
            Memory = "32GiB",
            Processes = 4,
            Queue = "all.q",
            Account = "proj42",
            ParallelEnvironment = "smp",
            ResourceSpec = "h_vmem=8G",
            Walltime = "02:30:00",
            LogDirectory = "logs",
            Interface = "ib0",
            WorkerCommand = "tessera worker",
        };
        string expected = """
            #!/usr/bin/env bash

            #$ -N tessera-worker
            #$ -q all.q
            #$ -P proj42
            #$ -pe smp 8
            #$ -l h_vmem=8G
            #$ -l h_rt=02:30:00
            #$ -cwd
            #$ -e logs/
            #$ -o logs/

            tessera worker tcp://10.0.0.1:8786 --nthreads 2 --nworkers 4 --memory-limit 8GiB --name tessera-worker-0 --lifetime 8700s --lifetime-stagger 100s --death-timeout 60s --interface ib0

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), options.Backend.JobScript(options, "tcp://10.0.0.1:8786"));
    }

    [Fact]
    public void BackendData_ArePbsAndSges()
    {
        Assert.Equal(["qsub"], JobQueueBackend.Pbs.SubmitCommand);
        Assert.Equal(["qdel"], JobQueueBackend.Pbs.CancelCommand);
        Assert.Equal("#PBS", JobQueueBackend.Pbs.DirectivePrefix);
        Assert.Equal("1234.server", JobQueueBackend.Pbs.JobIdPattern.Match("1234.server").Groups["id"].Value);
        Assert.Equal(["qsub", "-terse"], JobQueueBackend.Sge.SubmitCommand);
        Assert.Equal("#$", JobQueueBackend.Sge.DirectivePrefix);
        Assert.Equal("99", JobQueueBackend.Sge.JobIdPattern.Match("99").Groups["id"].Value);
    }

    [Theory]
    [InlineData("    job_state = Q\n", 0, "", JobState.Pending)]
    [InlineData("    job_state = R\n", 0, "", JobState.Running)]
    [InlineData("    job_state = E\n", 0, "", JobState.Ending)]
    [InlineData("", 153, "qstat: Unknown Job Id 7.server", JobState.Ended)]
    public void Pbs_StatesAreRead(string stdout, int exitCode, string stderr, JobState state)
    {
        Assert.Equal(state, JobQueueBackend.Pbs.ParseState(new CommandResult("qstat -f 7", exitCode, stdout, stderr)));
    }
}
