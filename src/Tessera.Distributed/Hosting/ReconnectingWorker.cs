using System.Globalization;

namespace Tessera.Distributed.Hosting;

/// <summary>
/// A worker of <c>tessera worker</c> that outlives a lost scheduler (Dask's <c>--death-timeout</c>): when the
/// connection breaks, it keeps trying to join again for <see cref="WorkerOptions.DeathTimeout"/>, as a fresh worker
/// (same name, new data server, no data: the old results were lost with the scheduler's knowledge of them); at the
/// end of the timeout it stops, with a log line naming the scheduler and the timeout.
/// </summary>
internal sealed class ReconnectingWorker
{
    /// <summary>Pause between two tries to reach the scheduler.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly WorkerOptions _options;
    private readonly TextWriter _log;
    private readonly long _started;
    private Worker _current;
    private volatile bool _stopping;

    private ReconnectingWorker(WorkerOptions options, Worker first, TextWriter log)
    {
        _options = options;
        _current = first;
        _log = log;
        _started = options.TimeProvider.GetTimestamp();
        Completion = Task.Run(RunAsync);
    }

    /// <summary>The worker connected now (a new one after each reconnection).</summary>
    public Worker Current => Volatile.Read(ref _current);

    /// <summary>Completes when the worker stopped for good.</summary>
    public Task Completion { get; }

    /// <summary>Why it stopped for good.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Starts the first worker; fails as <see cref="Worker.StartAsync"/> does.</summary>
    public static async Task<ReconnectingWorker> StartAsync(WorkerOptions options, TextWriter log, CancellationToken ct) =>
        new(options, await Worker.StartAsync(options, ct).ConfigureAwait(false), log);

    /// <summary>Retires the current worker and stops reconnecting.</summary>
    public async Task RetireAsync(string reason, TimeSpan timeout)
    {
        _stopping = true;
        await Current.RetireAsync(reason, timeout).ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
    }

    /// <summary>Closes the current worker and stops reconnecting.</summary>
    public async Task CloseAsync(string reason)
    {
        _stopping = true;
        await Current.CloseAsync(reason).ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            Worker w = Current;
            await w.Completion.ConfigureAwait(false);
            if (!w.LostScheduler || _stopping)
            {
                StopReason = w.StopReason;
                return;
            }

            string timeout = _options.DeathTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
            await _log.WriteLineAsync($"tessera worker {w.Name}: {w.StopReason}; trying to reach it again for {timeout} (--death-timeout).").ConfigureAwait(false);
            Worker? next = await ReconnectAsync().ConfigureAwait(false);
            if (next is null)
            {
                StopReason = $"no scheduler at {_options.SchedulerAddress} within the death timeout ({timeout})";
                if (!_stopping)
                {
                    await _log.WriteLineAsync($"tessera worker {w.Name}: {StopReason}; exiting.").ConfigureAwait(false);
                }

                return;
            }

            Volatile.Write(ref _current, next);
            if (_stopping)
            {
                // Closed while it was rejoining: the new worker must not outlive the command.
                await next.CloseAsync("closed while rejoining").ConfigureAwait(false);
                StopReason = next.StopReason;
                return;
            }

            await _log.WriteLineAsync($"tessera worker {next.Name}: rejoined {_options.SchedulerAddress} as a fresh worker ({next.DataAddress}); its earlier results were dropped.").ConfigureAwait(false);
        }
    }

    /// <summary>Tries to join until the death timeout ends; null when it did not (or the worker was stopped).</summary>
    private async Task<Worker?> ReconnectAsync()
    {
        TimeProvider time = _options.TimeProvider;
        long since = time.GetTimestamp();
        while (!_stopping)
        {
            TimeSpan left = _options.DeathTimeout - time.GetElapsedTime(since);
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                return await Worker.StartAsync(NextOptions(left)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SchedulerUnreachableException or InvalidOperationException or IOException or OperationCanceledException)
            {
                // Not back yet (or the old connection is still registered under this name): try again.
            }

            await Task.Delay(RetryDelay < left ? RetryDelay : left, time).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>The same options, with what is left of the lifetime and at most the time left to reach the scheduler.</summary>
    private WorkerOptions NextOptions(TimeSpan left)
    {
        TimeSpan? lifetime = _options.Lifetime is { } life ? life - _options.TimeProvider.GetElapsedTime(_started) : null;
        return _options with
        {
            DeathTimeout = left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5),
            Lifetime = lifetime is { } l && l <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : lifetime,
        };
    }
}
