using Tessera.Distributed.Protocol;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Shipping;

/// <summary>
/// Runs a graph as a worker would see it: every function and argument list goes through the shipping
/// codec, and every result back, before the synchronous scheduler runs it. No sockets.
/// </summary>
internal sealed class ShippingScheduler : IScheduler
{
    public bool SharesMemory => false;

    /// <summary>The largest encoded function seen so far: its name and size in bytes.</summary>
    public (string Name, int Bytes) LargestFunction { get; private set; }

    public async Task<object?[]> ComputeAsync(TaskGraph graph, IReadOnlyList<Key> outputs, CancellationToken cancellationToken = default)
    {
        var shipper = new CodeShipper();
        var functions = new Dictionary<TaskFunction, TaskFunction>(ReferenceEqualityComparer.Instance);
        var tasks = new List<TaskSpec>();
        foreach (Key key in graph.Cull(outputs).Keys)
        {
            TaskSpec spec = graph[key];
            if (!functions.TryGetValue(spec.Function, out TaskFunction? f))
            {
                byte[] bytes = shipper.EncodeFunction(spec.Function);
                if (bytes.Length > LargestFunction.Bytes)
                {
                    LargestFunction = (spec.Function.Name, bytes.Length);
                }

                f = CodeLoader.Default.DecodeFunction(bytes);
                functions.Add(spec.Function, f);
            }

            TaskArg[] args = CodeLoader.Default.DecodeArgs(shipper.EncodeArgs(spec.Args));
            tasks.Add(new TaskSpec(KeyCodec.FromWire(KeyCodec.ToWire(key)), f, args));
        }

        object?[] results = await new SynchronousScheduler().ComputeAsync(new TaskGraph(new Layer("shipped", tasks)), outputs, cancellationToken);
        return results.Select(r => CodeLoader.Default.DecodeValue(shipper.EncodeValue(r))).ToArray();
    }
}
