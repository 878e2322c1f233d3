using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// How this application starts a worker process with nothing installed: the .NET host runs
/// Tessera.Distributed.dll (an executable library) with this application's dependency manifest, so
/// the worker sees the same assemblies as the client.
/// </summary>
public static class WorkerLauncher
{
    /// <summary>The <c>dotnet</c> executable running this process.</summary>
    public static string DotnetHost
    {
        get
        {
            string? path = Environment.ProcessPath;
            if (path is not null && Path.GetFileNameWithoutExtension(path) == "dotnet")
            {
                return path;
            }

            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            {
                return hostPath;
            }

            // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
            string runtime = RuntimeEnvironment.GetRuntimeDirectory();
            string root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
            string candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(candidate) ? candidate : "dotnet";
        }
    }

    /// <summary>The command line (program and leading arguments) that starts a worker on a machine sharing this file system; append <c>&lt;scheduler-address&gt; [options]</c>.</summary>
    public static string DefaultCommandLine() => string.Join(' ', Prefix().Select(Quote));

    /// <summary>A process start for a worker with these options.</summary>
    internal static ProcessStartInfo Arguments(WorkerOptions options)
    {
        List<string> args = Prefix();
        args.Add(options.SchedulerAddress);
        args.AddRange(["--nthreads", options.NThreads.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["--memory-limit", options.MemoryLimit.ToString(CultureInfo.InvariantCulture)]);
        if (options.Name is { } name)
        {
            args.AddRange(["--name", name]);
        }

        if (options.LocalDirectory is { } dir)
        {
            args.AddRange(["--local-directory", dir]);
        }

        if (options.Host is { } host)
        {
            args.AddRange(["--host", host]);
        }

        args.AddRange(options.Security.WorkerArguments());
        args.AddRange(["--death-timeout", options.DeathTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"]);
        args.AddRange(["--memory-target-fraction", FractionFlag(options.MemoryTargetFraction)]);
        args.AddRange(["--memory-spill-fraction", FractionFlag(options.MemorySpillFraction)]);
        args.AddRange(["--memory-pause-fraction", FractionFlag(options.MemoryPauseFraction)]);
        args.AddRange(["--memory-terminate-fraction", FractionFlag(options.MemoryTerminateFraction)]);
        args.AddRange(["--memory-transfer-fraction", FractionFlag(options.MemoryTransferFraction)]);

        var start = new ProcessStartInfo(args[0]);
        foreach (string a in args.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    private static string FractionFlag(double? fraction) => fraction is { } f ? f.ToString("R", CultureInfo.InvariantCulture) : "false";

    private static List<string> Prefix()
    {
        string dll = typeof(Worker).Assembly.Location;
        string dir = Path.GetDirectoryName(dll)!;
        var args = new List<string> { DotnetHost, "exec", "--runtimeconfig", RuntimeConfig(dir) };
        if (HostDepsFile() is { } deps)
        {
            args.AddRange(["--depsfile", deps]);
        }

        args.AddRange([dll, "worker"]);
        return args;
    }

    /// <summary>This application's dependency manifest, so the worker resolves the same assemblies.</summary>
    private static string? HostDepsFile()
    {
        string? all = AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string;
        string? first = all?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && File.Exists(first) ? first : null;
    }

    /// <summary>The worker's runtime config: the one built beside the assembly, else one written for this runtime.</summary>
    private static string RuntimeConfig(string dir)
    {
        string built = Path.Combine(dir, "Tessera.Distributed.runtimeconfig.json");
        if (File.Exists(built))
        {
            return built;
        }

        string version = Environment.Version.ToString(3);
        // In the user's private directory: a config in a shared /tmp could be planted by another user for the next worker to load.
        string path = Path.Combine(Files.PrivateDirectory.TempRoot(), $"worker-{version}.runtimeconfig.json");
        {
            string json = "{\"runtimeOptions\":{\"tfm\":\"net" + Environment.Version.ToString(2) + "\",\"frameworks\":[" +
                "{\"name\":\"Microsoft.NETCore.App\",\"version\":\"" + version + "\"}," +
                "{\"name\":\"Microsoft.AspNetCore.App\",\"version\":\"" + Environment.Version.ToString(2) + ".0\"}]," +
                "\"configProperties\":{\"System.GC.Server\":false,\"System.GC.Concurrent\":false,\"System.Runtime.TieredCompilation.QuickJit\":false}}}";
            if (!File.Exists(path) || File.ReadAllText(path) != json)
            {
                Files.PrivateDirectory.WriteFile(path, System.Text.Encoding.UTF8.GetBytes(json));
            }
        }

        return path;
    }

    private static string Quote(string s) => s.Any(static c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$') ? "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : s;
}
