using System.Diagnostics;

namespace Tessera.IO.Tests.Zarr;

/// <summary>Runs a reference tool (Debian's python3 with zarr, or node with zarrita) and fails loudly on a non-zero exit or a timeout.</summary>
internal static class Tool
{
    public static string Python(string script, params string[] args) => Run("/usr/bin/python3", ["-c", script, .. args], null);

    public static string Node(string script, params string[] args)
    {
        string dir = JsDirectory();
        return Run("node", [Path.Combine(dir, script), .. args], dir);
    }

    /// <summary>tests/Tessera.IO.Tests/js in the source tree, where npm ci put node_modules.</summary>
    public static string JsDirectory()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "Tessera.IO.Tests", "js");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Tessera.IO.Tests/js not found above " + AppContext.BaseDirectory);
    }

    private static string Run(string file, string[] args, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 120 s.");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {p.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
        }

        return stdout.Result;
    }
}

/// <summary>A temporary directory removed at the end of a test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tessera-io-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
