using System.CommandLine;
using System.Net;

namespace Tessera.Distributed.Hosting;

/// <summary><c>tessera scheduler</c>: a scheduler in this process until Ctrl+C or SIGTERM.</summary>
public static class SchedulerCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to bind (0 for any free one).", DefaultValueFactory = _ => 8786 };
        var dashboard = new Option<string?>("--dashboard-address") { Description = "host:port of the dashboard." };
        var noSecurity = new Option<bool>("--no-security") { Description = "Accept unauthenticated, unencrypted connections (tcp://) even beyond loopback. Anyone who reaches the port can then run code as you." };
        var tls = new CommandLineTls();
        var command = new Command("scheduler", "Start a scheduler that workers and clients connect to (as `dask scheduler`).") { host, port, dashboard, noSecurity };
        tls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            SchedulerServer server;
            string? schedulerFile = parse.GetValue(tls.SchedulerFile);
            try
            {
                Security security = ChooseSecurity(tls.Read(parse), parse.GetValue(noSecurity), schedulerFile is not null, parse.GetValue(host)!);
                server = await SchedulerServer.StartAsync(new SchedulerOptions { Host = parse.GetValue(host)!, Port = parse.GetValue(port), DashboardAddress = parse.GetValue(dashboard), Security = security }, ct).ConfigureAwait(false);
                if (schedulerFile is not null)
                {
                    SchedulerFile.Write(schedulerFile, server.Address, security);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync("tessera scheduler: " + e.Message).ConfigureAwait(false);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                Console.WriteLine($"tessera scheduler: listening at {server.Address}");
                var stop = new TaskCompletionSource();
                using var term = PosixSignals.OnTerminate(() => stop.TrySetResult());
                using var reg = ct.Register(() => stop.TrySetResult());
                await stop.Task.ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Given credentials win; else a scheduler file gets temporary ones (it carries them to workers and clients); else
    /// plain TCP, which is refused beyond loopback unless <c>--no-security</c> says so.
    /// </summary>
    /// <exception cref="ArgumentException">No credentials on a non-loopback address without --no-security.</exception>
    internal static Security ChooseSecurity(Security? given, bool noSecurity, bool schedulerFile, string host)
    {
        if (given is not null)
        {
            return noSecurity ? throw new ArgumentException("--no-security contradicts --tls-ca-file/--tls-cert/--tls-key: give one or the other.") : given;
        }

        if (noSecurity)
        {
            return Security.None;
        }

        if (schedulerFile)
        {
            return Security.Temporary();
        }

        bool loopback = host == "localhost" || (IPAddress.TryParse(host, out IPAddress? ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            throw new ArgumentException(
                $"refusing to listen on {host} without credentials: anyone who reaches it could run code as {Environment.UserName}. " +
                "Give --tls-ca-file, --tls-cert and --tls-key, or --scheduler-file FILE (temporary credentials, shared through the owner-only file), " +
                "or --no-security to accept unauthenticated connections anyway.");
        }

        SecurityLog.Write("the scheduler runs without TLS on loopback: every user of this host can connect. Use --scheduler-file FILE (or --tls-*) to require credentials.");
        return Security.None;
    }
}
