using System.CommandLine;

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
        var command = new Command("scheduler", "Start a scheduler that workers and clients connect to (as `dask scheduler`).") { host, port, dashboard };
        command.SetAction(async (parse, ct) =>
        {
            SchedulerServer server;
            try
            {
                server = await SchedulerServer.StartAsync(new SchedulerOptions { Host = parse.GetValue(host)!, Port = parse.GetValue(port), DashboardAddress = parse.GetValue(dashboard) }, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
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
}
