using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

public sealed partial class Client
{
    private IReadOnlyList<TaskPrefixProgress> _lastProgress = [];
    private TaskCompletionSource _progressChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>This client's tasks per prefix, as the scheduler last reported them.</summary>
    public IReadOnlyList<TaskPrefixProgress> CurrentProgress
    {
        get
        {
            lock (_gate)
            {
                return _lastProgress;
            }
        }
    }

    /// <summary>Shows a live progress bar per task prefix until <paramref name="computation"/> ends, then returns its result (Dask's <c>progress</c>).</summary>
    /// <typeparam name="T">The computation's result type.</typeparam>
    /// <param name="computation">A running computation on this client, e.g. <c>array.ComputeAsync()</c>.</param>
    /// <param name="output">Where to write plain progress lines; null draws a live bar on an interactive terminal and plain lines otherwise.</param>
    /// <param name="cancellationToken">Stops showing progress (the computation goes on).</param>
    public async Task<T> ProgressAsync<T>(Task<T> computation, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(computation);
        await ShowProgressAsync(computation, output, cancellationToken).ConfigureAwait(false);
        return await computation.ConfigureAwait(false);
    }

    /// <summary>Shows a live progress bar until all <paramref name="futures"/> are done.</summary>
    /// <typeparam name="T">The futures' result type.</typeparam>
    /// <param name="futures">Futures of this client.</param>
    /// <param name="output">Where to write plain progress lines; null for the console.</param>
    /// <param name="cancellationToken">Stops showing progress.</param>
    public Task ProgressAsync<T>(IEnumerable<Future<T>> futures, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        return ShowProgressAsync(Task.WhenAll(futures.Select(f => f.WaitAsync(cancellationToken))), output, cancellationToken);
    }

    private void OnProgress(TaskProgress p)
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            _lastProgress = p.Prefixes.Select(static x => new TaskPrefixProgress(x.Prefix, x.Total, x.Done, x.Erred)).ToList();
            fired = _progressChanged;
            _progressChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    private Task NextProgress()
    {
        lock (_gate)
        {
            return _progressChanged.Task;
        }
    }

    private async Task ShowProgressAsync(Task computation, TextWriter? output, CancellationToken ct)
    {
        var stopped = new TaskCompletionSource();
        using CancellationTokenRegistration onCancel = ct.Register(() => stopped.TrySetResult());
        if (output is null && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    while (true)
                    {
                        foreach (TaskPrefixProgress p in CurrentProgress)
                        {
                            if (!bars.TryGetValue(p.Prefix, out ProgressTask? bar))
                            {
                                bar = ctx.AddTask(Markup.Escape(p.Prefix), maxValue: Math.Max(1, p.Total));
                                bars.Add(p.Prefix, bar);
                            }

                            bar.MaxValue = Math.Max(1, p.Total);
                            bar.Value = p.Done + p.Erred;
                        }

                        if (computation.IsCompleted || ct.IsCancellationRequested)
                        {
                            foreach (ProgressTask bar in bars.Values)
                            {
                                bar.Value = bar.MaxValue;
                            }

                            return;
                        }

                        await Task.WhenAny(computation, NextProgress(), stopped.Task).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            return;
        }

        TextWriter w = output ?? Console.Out;
        var clock = Stopwatch.StartNew();
        TimeSpan last = TimeSpan.FromSeconds(-1);
        while (!computation.IsCompleted && !ct.IsCancellationRequested)
        {
            await Task.WhenAny(computation, NextProgress(), stopped.Task).ConfigureAwait(false);
            if (clock.Elapsed - last >= TimeSpan.FromSeconds(1) && !computation.IsCompleted)
            {
                last = clock.Elapsed;
                await w.WriteLineAsync(ProgressLine(clock.Elapsed)).ConfigureAwait(false);
            }
        }

        await w.WriteLineAsync(ProgressLine(clock.Elapsed, final: computation.IsCompletedSuccessfully)).ConfigureAwait(false);
    }

    /// <summary>One plain line: an overall bar, then done/total per prefix.</summary>
    private string ProgressLine(TimeSpan elapsed, bool final = false)
    {
        IReadOnlyList<TaskPrefixProgress> ps = CurrentProgress;
        long total = ps.Sum(static p => p.Total), done = ps.Sum(static p => p.Done + p.Erred);
        double fraction = final ? 1 : total == 0 ? 0 : (double)done / total;
        int filled = (int)Math.Round(fraction * 40);
        string prefixes = string.Join(" | ", ps.Select(static p => $"{p.Prefix} {p.Done}/{p.Total}" + (p.Erred > 0 ? $" ({p.Erred} erred)" : "")));
        string head = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string(' ', 40 - filled)}] {fraction * 100,3:0}% | {elapsed.TotalSeconds:0.0}s");
        return prefixes.Length > 0 ? head + " | " + prefixes : head;
    }
}
