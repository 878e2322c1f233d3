using Microsoft.Extensions.Time.Testing;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.State;

namespace Tessera.Distributed.Tests.State;

/// <summary>Drives a <see cref="SchedulerState"/> with events and validates its invariants after each one.</summary>
internal sealed class SchedulerHarness
{
    private int _stimulus;

    public SchedulerHarness(params string[] clients)
    {
        State = new SchedulerState(Time);
        foreach (string c in clients.Length == 0 ? ["c1"] : clients)
        {
            State.AddClient(c);
        }

        State.Validate();
    }

    public FakeTimeProvider Time { get; } = new();

    public SchedulerState State { get; }

    public string Next() => "s" + (++_stimulus).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public SchedulerWorker AddWorker(string name, int nthreads = 1) => AddWorker(name, nthreads, out _);

    public SchedulerWorker AddWorker(string name, int nthreads, out List<SchedulerInstruction> instructions)
    {
        instructions = State.AddWorker(name, "tcp://" + name + ":1", name, nthreads, 0, Next(), out SchedulerWorker w);
        State.Validate();
        return w;
    }

    public List<SchedulerInstruction> Submit(GraphBuilder g, params string[] wanted) => Submit("c1", g, wanted);

    public List<SchedulerInstruction> Submit(string client, GraphBuilder g, params string[] wanted) =>
        Checked(State.UpdateGraph(client, g.Tasks, GraphBuilder.Functions, wanted, Next()));

    public List<SchedulerInstruction> Finish(SchedulerWorker w, string key, long nbytes = 8, double seconds = 0.5) =>
        Checked(State.TaskFinished(w.Id, key, nbytes, "Int64", null, seconds, Next()));

    public List<SchedulerInstruction> Err(SchedulerWorker w, string key, string message = "boom") =>
        Checked(State.TaskErred(w.Id, key, new ErrorInfo { ExceptionType = "System.InvalidOperationException", Message = message, Worker = w.Name }, Next()));

    public List<SchedulerInstruction> Release(params string[] keys) => Checked(State.ReleaseKeys("c1", keys, Next()));

    public List<SchedulerInstruction> Remove(SchedulerWorker w) => Checked(State.RemoveWorker(w.Id, Next()));

    public List<SchedulerInstruction> Checked(List<SchedulerInstruction> instructions)
    {
        State.Validate();
        return instructions;
    }

    public SchedulerTask Task(string key) => State.GetTask(key) ?? throw new KeyNotFoundException(key);

    public static List<string> Computed(IEnumerable<SchedulerInstruction> ins, SchedulerWorker? on = null) =>
        [.. ins.OfType<ComputeOnWorker>().Where(c => on is null || c.Worker == on).Select(static c => c.Task.Key)];

    public static List<string> Freed(IEnumerable<SchedulerInstruction> ins, SchedulerWorker? on = null) =>
        [.. ins.OfType<FreeOnWorker>().Where(f => on is null || f.Worker == on).SelectMany(static f => f.Keys)];

    /// <summary>Finishes every task processing on the worker, returning all instructions.</summary>
    public List<SchedulerInstruction> FinishAll(SchedulerWorker w, double seconds = 0.5)
    {
        var all = new List<SchedulerInstruction>();
        foreach (SchedulerTask t in w.Processing.ToList())
        {
            all.AddRange(Finish(w, t.Key, seconds: seconds));
        }

        return all;
    }
}
