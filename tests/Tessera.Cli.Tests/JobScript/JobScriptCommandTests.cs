namespace Tessera.Cli.Tests.JobScript;

public class JobScriptCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var result = CliApp.Create().Parse(args);
        using var output = new StringWriter();
        using var error = new StringWriter();
        result.InvocationConfiguration.Output = output;
        result.InvocationConfiguration.Error = error;
        int code = await result.InvokeAsync();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Slurm_PrintsTheNotebooksScript()
    {
        var (code, output, error) = await RunAsync(
            "job-script", "slurm", "--queue", "cpu19_rh8", "--account", "formation_isae", "--walltime", "01:00:00", "--cores", "2",
            "--memory", "16GB", "--processes", "1", "--interface", "lo", "--log-directory", "/tmp/logs", "--local-directory", "$TMPDIR",
            "--job-extra-directive=--qos=cpu_2019_40", "--prologue", "module load dotnet", "--job-name", "facets",
            "--worker-extra-arg=--resources", "--worker-extra-arg", "GPU=1", "--worker-command", "tessera worker");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        string expected = """
            #!/usr/bin/env bash

            #SBATCH -J facets
            #SBATCH -e /tmp/logs/facets-%J.err
            #SBATCH -o /tmp/logs/facets-%J.out
            #SBATCH -p cpu19_rh8
            #SBATCH -A formation_isae
            #SBATCH -n 1
            #SBATCH --cpus-per-task=2
            #SBATCH --mem=15G
            #SBATCH -t 01:00:00
            #SBATCH --qos=cpu_2019_40

            module load dotnet
            tessera worker tcp://127.0.0.1:8786 --nthreads 2 --nworkers 1 --memory-limit 16GB --name facets-0 --local-directory "$TMPDIR" --lifetime 3300s --lifetime-stagger 100s --death-timeout 60s --interface lo --resources GPU=1

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public async Task SlurmOnlyOptions_AndSchedulerAddress()
    {
        var (code, output, _) = await RunAsync("job-script", "slurm", "--cores", "4", "--memory", "16GiB", "--mem-per-cpu", "--job-cpu", "4",
            "--job-directives-skip", "-n 1", "--scheduler-address", "tcp://10.1.2.3:9000", "--job-index", "5", "--death-timeout", "30",
            "--worker-command", "dotnet /opt/t/tessera.dll worker", "--walltime", "30", "--lifetime-margin", "600");
        Assert.Equal(0, code);
        Assert.Contains("#SBATCH --mem-per-cpu=4G\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("#SBATCH -n 1", output, StringComparison.Ordinal);
        Assert.Contains("dotnet /opt/t/tessera.dll worker tcp://10.1.2.3:9000 --nthreads 4 --nworkers 1 --memory-limit 16GiB --name tessera-worker-5 --lifetime 1350s --lifetime-stagger 150s --death-timeout 30s\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PbsAndSge_PrintTheirHeaders()
    {
        var (pbsCode, pbs, _) = await RunAsync("job-script", "pbs", "--queue", "workq", "--cores", "4", "--memory", "8GiB", "--scheduler-address", "tcp://h:1");
        Assert.Equal(0, pbsCode);
        Assert.Contains("#PBS -q workq\n#PBS -l select=1:ncpus=4:mem=8gb\n#PBS -l walltime=01:00:00\n", pbs, StringComparison.Ordinal);
        var (sgeCode, sge, _) = await RunAsync("job-script", "sge", "--parallel-environment", "smp", "--cores", "2", "--scheduler-address", "tcp://h:1");
        Assert.Equal(0, sgeCode);
        Assert.Contains("#$ -pe smp 2\n#$ -l h_rt=01:00:00\n#$ -cwd\n", sge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValues_AreReportedWithExitCode2()
    {
        var (code, output, error) = await RunAsync("job-script", "slurm", "--memory", "16 gigs");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("Memory \"16 gigs\" is not understood", error, StringComparison.Ordinal);
        var (nicCode, _, nicError) = await RunAsync("job-script", "slurm", "--interface", "nope0");
        Assert.Equal(2, nicCode);
        Assert.Contains("lo (127.0.0.1)", nicError, StringComparison.Ordinal);
    }
}
