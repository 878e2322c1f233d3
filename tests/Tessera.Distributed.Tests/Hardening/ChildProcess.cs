using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Tessera.Distributed.Hosting;

namespace Tessera.Distributed.Tests.Hardening;

/// <summary>
/// A scheduler or worker in a process of its own (optionally under <c>prlimit --nofile</c>), its output captured,
/// killed on dispose if it is still running.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    public int Pid => Process.Id;

    public bool Running => !Process.HasExited;

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Resident memory now, from /proc.</summary>
    public long RssBytes
    {
        get
        {
            string line = File.ReadLines($"/proc/{Pid}/status").First(static l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>Open descriptors now, from /proc.</summary>
    public int Descriptors => Directory.GetFiles($"/proc/{Pid}/fd").Length;

    /// <summary>Starts <c>tessera scheduler</c> on a free loopback port and returns once it listens.</summary>
    public static async Task<(ChildProcess Process, string Address)> StartSchedulerAsync(int? nofile, CancellationToken ct, params string[] extra)
    {
        ProcessStartInfo worker = WorkerLauncher.Arguments(new WorkerOptions { SchedulerAddress = "tcp://127.0.0.1:1" });
        List<string> args = [worker.FileName, .. worker.ArgumentList.TakeWhile(static a => a != "worker"), "scheduler", "--port", "0", .. extra];
        ChildProcess child = Start(args, nofile);
        string line = await child.WaitForAsync("listening at", ct);
        return (child, Listening().Match(line).Groups[1].Value);
    }

    /// <summary>Starts a worker process connected to <paramref name="scheduler"/>.</summary>
    public static ChildProcess StartWorker(string scheduler, string name, int? nofile, params string[] extra)
    {
        ProcessStartInfo start = WorkerLauncher.Arguments(new WorkerOptions { SchedulerAddress = scheduler, Name = name, NThreads = 2, Host = "127.0.0.1" });
        return Start([start.FileName, .. start.ArgumentList, .. extra], nofile);
    }

    /// <summary>The first output line containing <paramref name="text"/>, waiting for it.</summary>
    public async Task<string> WaitForAsync(string text, CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                string? hit = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
                if (hit is not null)
                {
                    return hit;
                }

                if (Process.HasExited)
                {
                    throw new InvalidOperationException($"The child process exited ({Process.ExitCode}) before printing '{text}':\n{string.Join('\n', _lines)}");
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(TimeSpan.FromSeconds(1), ct).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            ct.ThrowIfCancellationRequested();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync(CancellationToken.None);
        Process.Dispose();
    }

    private static ChildProcess Start(IReadOnlyList<string> command, int? nofile)
    {
        var start = new ProcessStartInfo(nofile is null ? command[0] : "prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (nofile is { } n)
        {
            start.ArgumentList.Add($"--nofile={n}:{n}");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(command[0]);
        }

        foreach (string a in command.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Exited += (_, _) => child.Append(null);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Append(string? line)
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            if (line is not null)
            {
                _lines.Add(line);
            }

            fired = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    [GeneratedRegex(@"listening at (\S+)")]
    private static partial Regex Listening();
}
