using System.Diagnostics;

namespace Tessera.Cli.Tests.Commands;

/// <summary>Runs the CLI's own build as a child process.</summary>
internal static class CliProcess
{
    public static string Dll()
    {
        string bin = AppContext.BaseDirectory;
        string configuration = new DirectoryInfo(bin).Parent!.Name;
        string root = Path.GetFullPath(Path.Combine(bin, "..", "..", "..", "..", ".."));
        string dll = Path.Combine(root, "src", "Tessera.Cli", "bin", configuration, "net10.0", "Tessera.Cli.dll");
        Assert.True(File.Exists(dll), $"The CLI is not built at {dll}.");
        return dll;
    }

    public static Process Start(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    public static async Task<string> ReadUntilAsync(Process p, string marker, CancellationToken ct)
    {
        while (await p.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"The process ended before printing '{marker}': {await p.StandardError.ReadToEndAsync(ct)}");
    }
}
