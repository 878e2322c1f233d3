using System.Diagnostics;

namespace Tessera.Jobqueue.Tests.Backends;

/// <summary>Option values that try to add lines to a job script or run commands on the node.</summary>
public sealed class HostileJobScriptTests
{
    public static TheoryData<string, Func<string, SlurmClusterOptions>> DirectiveOptions => new()
    {
        { "Queue", v => new SlurmClusterOptions { Queue = v } },
        { "Account", v => new SlurmClusterOptions { Account = v } },
        { "JobName", v => new SlurmClusterOptions { JobName = v } },
        { "LogDirectory", v => new SlurmClusterOptions { LogDirectory = v } },
        { "JobExtraDirectives", v => new SlurmClusterOptions { JobExtraDirectives = ["--qos=" + v] } },
        { "JobScriptPrologue", v => new SlurmClusterOptions { JobScriptPrologue = ["module load " + v] } },
        { "LocalDirectory", v => new SlurmClusterOptions { LocalDirectory = v } },
        { "Interface", v => new SlurmClusterOptions { Interface = v } },
        { "WorkerExtraArgs", v => new SlurmClusterOptions { WorkerExtraArgs = ["--tag", v] } },
    };

    [Theory]
    [MemberData(nameof(DirectiveOptions))]
    public void ANewlineInAnyOption_IsRefusedWithTheOptionsName(string option, Func<string, SlurmClusterOptions> make)
    {
        foreach (string hostile in new[] { "cpu\ntouch /tmp/pwned", "cpu\rtouch x", "cpu\u0000x", "cpu\u001bx" })
        {
            var e = Assert.Throws<ArgumentException>(() => JobQueueBackend.Slurm.JobScript(make(hostile), "tcp://127.0.0.1:8786"));
            Assert.Equal(option, e.ParamName);
            Assert.Contains(option, e.Message, StringComparison.Ordinal);
            Assert.Contains("control character", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Theory]
    [InlineData("Queue")]
    [InlineData("Account")]
    [InlineData("JobName")]
    public void ABlankInAOneWordDirective_IsRefused(string option)
    {
        SlurmClusterOptions options = option switch
        {
            "Queue" => new SlurmClusterOptions { Queue = "cpu --wrap=evil" },
            "Account" => new SlurmClusterOptions { Account = "a b" },
            _ => new SlurmClusterOptions { JobName = "x y" },
        };
        var e = Assert.Throws<ArgumentException>(() => JobQueueBackend.Slurm.JobScript(options, "tcp://127.0.0.1:8786"));
        Assert.Equal(option, e.ParamName);
    }

    [Fact]
    public void TheRenderedScript_ExpandsVariablesButNeverRunsCommandSubstitution()
    {
        string work = Directory.CreateTempSubdirectory("tessera-jobscript-").FullName;
        try
        {
            string tmp = Directory.CreateDirectory(Path.Combine(work, "node tmp")).FullName;
            string marker1 = Path.Combine(work, "marker1");
            string marker2 = Path.Combine(work, "marker2");
            string marker3 = Path.Combine(work, "marker3");
            string hostile = $"$TMPDIR/$(touch {marker1})/`touch {marker2}`/${{HOME}}/$(touch {marker3})'\"\\$1$$";
            var options = new SlurmClusterOptions
            {
                LocalDirectory = hostile,
                WorkerExtraArgs = ["--tag", $"it's $(touch {marker1})"],
                WorkerCommand = "printf '%s\\n'",
                JobExtraDirectives = ["--qos=normal"],
            };
            string script = JobQueueBackend.Slurm.JobScript(options, "tcp://127.0.0.1:8786");
            string path = Path.Combine(work, "job.sh");
            File.WriteAllText(path, script);

            // bash -n: the whole script parses.
            Assert.Equal(0, Bash(work, tmp, "-n", path).ExitCode);

            // Run it as the node would: each printed line is one argument the worker would get.
            (int code, string output) = Bash(work, tmp, path);
            Assert.Equal(0, code);
            string[] args = output.Split('\n');
            int at = Array.IndexOf(args, "--local-directory");
            Assert.True(at >= 0, output);
            string home = Environment.GetEnvironmentVariable("HOME") ?? "";
            Assert.Equal($"{tmp}/$(touch {marker1})/`touch {marker2}`/{home}/$(touch {marker3})'\"\\$1$$", args[at + 1]);
            Assert.Contains($"it's $(touch {marker1})", args);
            Assert.False(File.Exists(marker1), "$(...) ran");
            Assert.False(File.Exists(marker2), "backticks ran");
            Assert.False(File.Exists(marker3), "$(...) ran");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Bash(string work, string tmpdir, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["TMPDIR"] = tmpdir;
        using Process p = Process.Start(start)!;
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            p.Kill();
            throw new TimeoutException("bash did not finish in 30 s");
        }

        Assert.True(error.Result.Length == 0 || p.ExitCode == 0, error.Result);
        return (p.ExitCode, output.Result);
    }
}
