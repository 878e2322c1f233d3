using System.Diagnostics;

namespace Tessera.Distributed.Clusters;

/// <summary>A worker process started by this process; killed (with its children) on dispose.</summary>
internal sealed class ProcessWorkerGroup : WorkerGroup
{
    private readonly Process _process;
    private readonly string _logPath;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProcessWorkerGroup(string name, Process process, string logPath, StreamWriter log)
        : base(name)
    {
        _process = process;
        _logPath = logPath;
        _log = log;
    }

    public int Pid => _process.Id;

    public override bool HasExited => _process.HasExited;

    internal override Task Exited => _exited.Task;

    public static ProcessWorkerGroup Start(string name, ProcessStartInfo start, string logPath)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var log = new StreamWriter(Files.PrivateDirectory.CreateLog(logPath)) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"Could not start worker process {start.FileName}.");
            }
        }
        catch
        {
            log.Dispose();
            process.Dispose();
            throw;
        }

        var group = new ProcessWorkerGroup(name, process, logPath, log);
        process.OutputDataReceived += (_, e) => group.Append(e.Data);
        process.ErrorDataReceived += (_, e) => group.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => group.OnExited();
        if (process.HasExited)
        {
            group.OnExited();
        }

        return group;
    }

    /// <summary>
    /// The process ended: whatever it spilled goes too (a worker killed with -9, or one that exited past its
    /// terminate threshold, cannot delete its own spill directory; Dask's nanny cleans up the same way).
    /// </summary>
    private void OnExited()
    {
        string? local = Path.GetDirectoryName(_logPath);
        string spill = Path.Combine(local ?? ".", "spill");
        try
        {
            if (Directory.Exists(spill))
            {
                foreach (string dir in Directory.EnumerateDirectories(spill, Name + "-*"))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file still open is removed with the directory by the next run's cleanup.
        }

        _exited.TrySetResult();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The group is closing.
            }
        }
    }

    public override string Describe()
    {
        string state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        string tail = "";
        try
        {
            lock (_logGate)
            {
                _log.Flush();
            }

            using var fs = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(fs);
            string[] lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            tail = string.Join(Environment.NewLine, lines.TakeLast(20));
        }
        catch (IOException)
        {
            // No log to show.
        }

        return $"Worker process {Name} (pid {_process.Id}) {state}; log: {_logPath}" + (tail.Length > 0 ? Environment.NewLine + tail : "");
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or it will be reaped with us.
        }

        lock (_logGate)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }
}
