using System.Diagnostics;

namespace Tessera.Arrays;

/// <summary>Finds and runs Graphviz's <c>dot</c> to render DOT text.</summary>
internal static class Graphviz
{
    /// <summary>
    /// Looks for the <c>dot</c> executable in the directories of <paramref name="pathVariable"/>
    /// (default: the PATH environment variable), without running anything.
    /// </summary>
    /// <param name="pathVariable">A PATH-style list of directories; null reads PATH.</param>
    /// <returns>The full path of <c>dot</c> (<c>dot.exe</c> on Windows), or null when absent.</returns>
    public static string? FindDot(string? pathVariable = null)
    {
        string? path = pathVariable ?? Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        string exe = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir.Trim().Trim('"'), exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Renders <paramref name="dotText"/> with <c>dot -T&lt;format&gt;</c>, or returns null when <c>dot</c> is not on PATH.
    /// </summary>
    /// <param name="dotText">The DOT graph.</param>
    /// <param name="format">Graphviz output format; default "svg".</param>
    /// <param name="dotPath">Path of the executable; null uses <see cref="FindDot"/>.</param>
    /// <param name="cancellationToken">Cancels the wait and kills the process.</param>
    /// <returns>The rendered text, or null when Graphviz is unavailable.</returns>
    /// <exception cref="InvalidOperationException"><c>dot</c> exited with an error (message includes its stderr).</exception>
    public static async Task<string?> RenderAsync(
        string dotText,
        string format = "svg",
        string? dotPath = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dotText);
        string? exe = dotPath ?? FindDot();
        if (exe is null)
        {
            return null;
        }

        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-T" + format);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Graphviz: could not start {exe}.");
        try
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.WriteAsync(dotText.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            string output = await stdout.ConfigureAwait(false);
            string errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Graphviz: {exe} -T{format} exited with code {process.ExitCode}: {errors.Trim()}");
            }

            return output;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
