using System.CommandLine;
using System.Globalization;
using Tessera.Distributed.Clusters;

namespace Tessera.Distributed.Hosting;

/// <summary><c>tessera worker &lt;scheduler-address&gt;</c>: one or more workers in this process until the scheduler goes away.</summary>
public static class WorkerCommand
{
    /// <summary>Builds the command (also the entry point of a worker process launched by a cluster).</summary>
    public static Command Create()
    {
        var address = new Argument<string?>("scheduler-address") { Description = "The scheduler to join, e.g. tls://127.0.0.1:8786 (or give --scheduler-file).", Arity = ArgumentArity.ZeroOrOne };
        var nthreads = new Option<int>("--nthreads") { Description = "Threads per worker (default: cores / nworkers).", DefaultValueFactory = _ => 0 };
        var nworkers = new Option<int>("--nworkers") { Description = "Workers to start (default 1).", DefaultValueFactory = _ => 1 };
        var memory = new Option<string>("--memory-limit") { Description = "Bytes of results per worker, e.g. 4GB, 2GiB, or 0 for no limit.", DefaultValueFactory = _ => "0" };
        var name = new Option<string?>("--name") { Description = "Worker name (suffixed -0, -1 … with several workers)." };
        var dir = new Option<string?>("--local-directory") { Description = "Directory for spilled data and cached assemblies." };
        var host = new Option<string?>("--host") { Description = "Address to bind and advertise." };
        var iface = new Option<string?>("--interface") { Description = "Network interface whose address to advertise, e.g. ib0." };
        var lifetime = new Option<string?>("--lifetime") { Description = "Retire after this long, e.g. 55m, 3600s, 01:00:00." };
        var stagger = new Option<string?>("--lifetime-stagger") { Description = "Random extra up to this long added to the lifetime, e.g. 4m." };
        var death = new Option<string>("--death-timeout") { Description = "Give up reaching the scheduler after this long, at start or once it is lost (the worker then rejoins as a fresh worker), e.g. 60s.", DefaultValueFactory = _ => "60s" };
        var target = new Option<string>("--memory-target-fraction") { Description = "Spill results past this fraction of the limit (managed data), or false.", DefaultValueFactory = _ => "0.6" };
        var spill = new Option<string>("--memory-spill-fraction") { Description = "Spill more past this fraction of the limit (process memory), or false.", DefaultValueFactory = _ => "0.7" };
        var pause = new Option<string>("--memory-pause-fraction") { Description = "Pause new tasks past this fraction of the limit (process memory), or false.", DefaultValueFactory = _ => "0.8" };
        var terminate = new Option<string>("--memory-terminate-fraction") { Description = "Exit the worker past this fraction of the limit (process memory), or false.", DefaultValueFactory = _ => "0.95" };
        var transfer = new Option<string>("--memory-transfer-fraction") { Description = "Fetch at most this fraction of the limit from peers at once, or false.", DefaultValueFactory = _ => "0.1" };
        var command = new Command("worker", "Start workers that join a scheduler (as `dask worker`).")
        {
            address, nthreads, nworkers, memory, name, dir, host, iface, lifetime, stagger, death, target, spill, pause, terminate, transfer,
        };
        var tls = new CommandLineTls();
        tls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            string schedulerAddress;
            Security security;
            try
            {
                (schedulerAddress, security) = await ResolveSchedulerAsync(parse.GetValue(address), tls.Read(parse), parse.GetValue(tls.SchedulerFile), Durations.Parse(parse.GetValue(death)!), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or TimeoutException or FormatException)
            {
                await Console.Error.WriteLineAsync("tessera worker: " + e.Message).ConfigureAwait(false);
                return 1;
            }

            int n = Math.Max(1, parse.GetValue(nworkers));
            int threads = parse.GetValue(nthreads) is > 0 and int t ? t : Math.Max(1, Environment.ProcessorCount / n);
            TimeSpan? life = parse.GetValue(lifetime) is { } l ? Durations.Parse(l) : null;
            if (life is { } span && parse.GetValue(stagger) is { } s)
            {
                life = span + TimeSpan.FromSeconds(Random.Shared.NextDouble() * Durations.Parse(s).TotalSeconds);
            }

            string memoryText = parse.GetValue(memory)!;
            long limit = memoryText is "0" or "" ? 0 : ByteSize.Parse(memoryText);
            string? baseName = parse.GetValue(name);
            var workers = new List<ReconnectingWorker>();
            try
            {
                for (int i = 0; i < n; i++)
                {
                    workers.Add(await ReconnectingWorker.StartAsync(new WorkerOptions
                    {
                        SchedulerAddress = schedulerAddress,
                        Security = security,
                        NThreads = threads,
                        MemoryLimit = limit,
                        Name = baseName is null ? null : n == 1 ? baseName : baseName + "-" + i.ToString(CultureInfo.InvariantCulture),
                        LocalDirectory = parse.GetValue(dir),
                        Host = parse.GetValue(host),
                        Interface = parse.GetValue(iface),
                        Lifetime = life,
                        DeathTimeout = Durations.Parse(parse.GetValue(death)!),
                        MemoryTargetFraction = Fraction(parse.GetValue(target)),
                        MemorySpillFraction = Fraction(parse.GetValue(spill)),
                        MemoryPauseFraction = Fraction(parse.GetValue(pause)),
                        MemoryTerminateFraction = Fraction(parse.GetValue(terminate)),
                        MemoryTransferFraction = Fraction(parse.GetValue(transfer)),
                        OwnsProcess = n == 1,
                    }, Console.Error, ct).ConfigureAwait(false));
                    Console.WriteLine($"tessera worker: {workers[^1].Current} joined {schedulerAddress}");
                }

                using var registration = PosixSignals.OnTerminate(() => _ = Task.WhenAll(workers.Select(static w => w.RetireAsync("SIGTERM", TimeSpan.FromSeconds(20)))));
                Task first = await Task.WhenAny(workers.Select(static w => w.Completion)).ConfigureAwait(false);
                await Task.WhenAll(workers.Select(static w => w.CloseAsync("a sibling worker stopped"))).ConfigureAwait(false);
                Console.WriteLine($"tessera worker: stopped ({string.Join("; ", workers.Select(static w => w.Current.Name + ": " + w.StopReason).Distinct())})");
                return 0;
            }
            catch (Exception e) when (e is SchedulerUnreachableException or InvalidOperationException or ArgumentException or FormatException)
            {
                await Console.Error.WriteLineAsync("tessera worker: " + e.Message).ConfigureAwait(false);
                foreach (ReconnectingWorker w in workers)
                {
                    await w.CloseAsync("the worker command failed").ConfigureAwait(false);
                }

                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// The scheduler to join and the credentials to present: the address argument or the scheduler file's (waited for up to
    /// the death timeout, as Dask's worker does); the --tls-* flags, else the file's temporary credentials, else none.
    /// </summary>
    /// <exception cref="ArgumentException">Neither an address nor a scheduler file, or an unreadable file.</exception>
    /// <exception cref="TimeoutException">The scheduler file did not appear in time.</exception>
    internal static async Task<(string Address, Security Security)> ResolveSchedulerAsync(string? address, Security? flags, string? schedulerFile, TimeSpan wait, CancellationToken ct)
    {
        if (schedulerFile is null)
        {
            return address is null
                ? throw new ArgumentException("give the scheduler's address (e.g. tls://127.0.0.1:8786) or --scheduler-file FILE.")
                : (address, flags ?? Security.None);
        }

        await SchedulerFile.WaitAsync(schedulerFile, wait, TimeProvider.System, ct).ConfigureAwait(false);
        (string fileAddress, Security? fromFile) = SchedulerFile.Read(schedulerFile);
        return (address ?? fileAddress, flags ?? fromFile ?? Security.None);
    }

    /// <summary>Parses a memory fraction flag: a number in (0, 1], or false/none/off to disable.</summary>
    /// <exception cref="FormatException">Neither.</exception>
    internal static double? Fraction(string? text)
    {
        if (text is null or "" || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("none", StringComparison.OrdinalIgnoreCase) || text.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && f > 0 && f <= 1
            ? f
            : throw new FormatException($"A memory fraction must be a number in (0, 1] or false, not '{text}'.");
    }
}
