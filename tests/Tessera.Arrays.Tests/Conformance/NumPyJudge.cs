using System.Diagnostics;
using System.Text.Json;

namespace Tessera.Arrays.Tests.Conformance;

/// <summary>
/// Runs numpy_judge.py (NumPy, through /usr/bin/python3) over a batch of cases in one process: the
/// inputs go as .npy files with a cases.json, the results come back as .npy files (or the error
/// NumPy raised).
/// </summary>
internal static class NumPyJudge
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(Probe);

    /// <summary>Gets why NumPy cannot judge here (null when it can).</summary>
    public static string? Unavailable => Missing.Value;

    public static Dictionary<int, (object? Result, string? Error)> Judge(IReadOnlyList<ConformanceCase> cases)
    {
        var dir = Directory.CreateTempSubdirectory("tessera-conformance-");
        try
        {
            var listing = new List<object>();
            foreach (var c in cases)
            {
                var names = new List<string>();
                for (int i = 0; i < c.Inputs.Count; i++)
                {
                    string name = $"in_{c.Id}_{i}.npy";
                    c.Inputs[i].Write(Path.Combine(dir.FullName, name));
                    names.Add(name);
                }

                listing.Add(new { id = c.Id, inputs = names, expr = c.Expr });
            }

            File.WriteAllText(Path.Combine(dir.FullName, "cases.json"), JsonSerializer.Serialize(listing));
            Run(Path.Combine(AppContext.BaseDirectory, "Conformance", "numpy_judge.py"), dir.FullName);
            var results = new Dictionary<int, (object?, string?)>();
            foreach (var c in cases)
            {
                string stem = Path.Combine(dir.FullName, $"out_{c.Id}");
                results[c.Id] = File.Exists(stem + ".err")
                    ? (null, File.ReadAllText(stem + ".err"))
                    : (ReadResult(stem + ".npy"), null);
            }

            return results;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static object ReadResult(string path)
    {
        var (type, shape, data) = Npy.Read(path);
        return type switch
        {
            _ when type == typeof(double) => Npy.ToArray<double>(shape, data),
            _ when type == typeof(float) => Npy.ToArray<float>(shape, data),
            _ when type == typeof(long) => Npy.ToArray<long>(shape, data),
            _ when type == typeof(int) => Npy.ToArray<int>(shape, data),
            _ when type == typeof(ulong) => Npy.ToArray<ulong>(shape, data),
            _ when type == typeof(byte) => Npy.ToArray<byte>(shape, data),
            _ when type == typeof(bool) => Npy.ToArray<bool>(shape, data),
            _ => throw new InvalidDataException($"{path}: dtype {type} not expected from the judge"),
        };
    }

    private static void Run(string script, string dir)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(dir);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"numpy_judge.py did not finish within 180 s on {dir}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"numpy_judge.py failed (exit {process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }

    private static string? Probe()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing (CI installs python3-numpy with .ci/deps.sh)";
        }

        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import numpy");
        using var process = Process.Start(start)!;
        process.WaitForExit(TimeSpan.FromSeconds(60));
        return process.ExitCode == 0 ? null : $"{Python} cannot import numpy (CI installs python3-numpy with .ci/deps.sh): {process.StandardError.ReadToEnd()}";
    }
}
