using System.Globalization;

namespace Tessera.Bench.Compare;

/// <summary>Samples the summed resident memory of this process and its descendants (workers included) every 20 ms; keeps the peak.</summary>
public sealed class ProcessTreeMemory : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public ProcessTreeMemory() => _loop = Task.Run(LoopAsync);

    public double PeakMiB => Volatile.Read(ref _peak) / 1024.0 / 1024.0;

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        do
        {
            long now = TreeRss(Environment.ProcessId);
            if (now > Volatile.Read(ref _peak))
            {
                Volatile.Write(ref _peak, now);
            }
        }
        while (await Tick(timer, _stop.Token));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long TreeRss(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                int ppid = int.Parse(rest[1], CultureInfo.InvariantCulture);
                (children.TryGetValue(ppid, out var l) ? l : children[ppid] = []).Add(pid);
            }
            catch (IOException)
            {
            }
        }

        long total = 0;
        var stack = new Stack<int>([root]);
        while (stack.Count > 0)
        {
            int pid = stack.Pop();
            total += Rss(pid);
            foreach (int c in children.GetValueOrDefault(pid) ?? [])
            {
                stack.Push(c);
            }
        }

        return total;
    }

    private static long Rss(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait();
        }
        catch (AggregateException)
        {
            // Sampling stopped.
        }

        _stop.Dispose();
    }
}
