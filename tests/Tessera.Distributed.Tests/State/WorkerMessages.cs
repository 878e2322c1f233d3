using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Tests.State;

/// <summary>Scheduler-to-worker messages for the worker state-machine tests.</summary>
internal static class WorkerMessages
{
    public static ComputeTask Compute(string key, long priority, params KeyLocation[] deps)
    {
        var msg = new ComputeTask { Key = key, ClientId = "c1", FunctionId = "f", StimulusId = "compute-" + key };
        msg.Priority.Add(priority);
        msg.Dependencies.AddRange(deps);
        return msg;
    }

    public static KeyLocation Dep(string key, long nbytes, params string[] holders)
    {
        var loc = new KeyLocation { Key = key, Nbytes = nbytes };
        loc.DataAddresses.AddRange(holders);
        return loc;
    }
}
