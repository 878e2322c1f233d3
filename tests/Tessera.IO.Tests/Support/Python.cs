using System.Diagnostics;

namespace Tessera.IO.Tests.Support;

/// <summary>Runs the reference tools (Debian's /usr/bin/python3 with NumPy, h5py, dask) on a script; fails loudly with its stderr.</summary>
internal static class Python
{
    public const string Executable = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/> and returns its stdout; a non-zero exit fails the test.</summary>
    public static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 ran past 2 minutes on: {script}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {stderr.Result}\nscript: {script}");
        }

        return stdout.Result;
    }
}
