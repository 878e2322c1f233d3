using Tessera.Arrays.Expressions;
using Tessera.Arrays.Lowering;
using Tessera.Arrays.Optimization;

namespace Tessera.Arrays;

public sealed partial class DArray<T>
{
    /// <summary>Computes the array on the current scheduler (<see cref="Scheduler.Default"/>) and returns it in one piece.</summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public NDArray<T> Compute(CancellationToken cancellationToken = default) =>
        ComputeAsync(cancellationToken).GetAwaiter().GetResult();

    /// <summary>Computes the array on the current scheduler (<see cref="Scheduler.Default"/>) and returns it in one piece.</summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public Task<NDArray<T>> ComputeAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Plan(optimize: true, trackBytes: false), cancellationToken);

    /// <summary>Runs a lowered plan on the current scheduler and returns the array in one piece.</summary>
    internal static async Task<NDArray<T>> RunAsync(LoweredArray plan, CancellationToken cancellationToken)
    {
        if (plan.Blocks.Keys.Length == 1)
        {
            var block = await Scheduler.Default.ComputeAsync(plan.Graph, plan.Blocks.Keys, cancellationToken).ConfigureAwait(false);
            return ChunkKernels<T>.Single((NDArray<T>)block[0]!, copy: MayViewSource(plan.Expr));
        }

        // Each block is copied into the result by a task of its own as soon as it is ready, so the
        // blocks are released one by one instead of all being held until the end.
        var result = new ResultBuffer<T>(plan.Expr.Shape);
        try
        {
            if (!Scheduler.Default.SharesMemory)
            {
                // Tasks run elsewhere: each block is placed here as soon as it has come back, and let go, while the
                // others are still computed or fetched (a value filling several places comes once).
                var chunks = new Chunks(plan.Expr.Chunks);
                var offsets = chunks.BlockIndices().Select(index => chunks.BlockOffset(index)).ToArray();
                await Scheduler.Default.ComputeEachAsync(
                    plan.Graph,
                    plan.Blocks.Keys,
                    (positions, value) =>
                    {
                        var block = (NDArray<T>)value!;
                        foreach (int at in positions)
                        {
                            result.Store(block, offsets[at]);
                        }

                        block.Dispose();
                    },
                    cancellationToken).ConfigureAwait(false);
                return result.Array;
            }

            var (graph, stores) = GraphLowering.WithStores(plan, result);
            await Scheduler.Default.ComputeAsync(graph, stores, cancellationToken).ConfigureAwait(false);
            return result.Array;
        }
        catch
        {
            result.Discard();
            throw;
        }
    }

    /// <summary>
    /// Whether a block of <paramref name="e"/> may be a view of a buffer that outlives the
    /// computation (an in-memory or persisted source), so a one-block result must be copied.
    /// </summary>
    private static bool MayViewSource(Expr e) =>
        e is ArraySourceExpr<T> || e.Children.Any(MayViewSource);

    /// <summary>
    /// Computes the blocks and keeps them in memory: the returned array has the same shape and
    /// chunks, and later computations start from these blocks (dask's persist).
    /// </summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public DArray<T> Persist(CancellationToken cancellationToken = default) =>
        PersistAsync(cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Computes the blocks and keeps them (dask's persist): on a distributed client they stay on the
    /// cluster's workers, held as long as the returned array is; on a local scheduler, in this process.
    /// </summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public async Task<DArray<T>> PersistAsync(CancellationToken cancellationToken = default)
    {
        var plan = Plan(optimize: true, trackBytes: false);
        IScheduler scheduler = Scheduler.Default;
        if (await scheduler.PersistAsync(plan.Graph, plan.Blocks.Keys, cancellationToken).ConfigureAwait(false) is { } held)
        {
            // The blocks stay on the cluster, under their keys; the new array refers to them.
            return new DArray<T>(new ArraySourceExpr<T>(held, plan.Expr.Shape, plan.Expr.Chunks, "persisted"));
        }

        var blocks = await scheduler.ComputeAsync(plan.Graph, plan.Blocks.Keys, cancellationToken).ConfigureAwait(false);
        // The same block may fill several places (a block concatenated with itself): own it once.
        var byBlock = new Dictionary<object, NDArray<T>>(ReferenceEqualityComparer.Instance);
        var owned = blocks.Select(b =>
        {
            if (!byBlock.TryGetValue(b!, out var own))
            {
                own = ((NDArray<T>)b!).Compact();
                byBlock[b!] = own;
            }

            return own;
        }).ToArray();
        return new DArray<T>(new ArraySourceExpr<T>(null, owned, plan.Expr.Shape, plan.Expr.Chunks, "persisted"));
    }

    /// <summary>How many nodes consume each node (the root counts one consumer: the caller).</summary>
    private static Dictionary<Expr, int> CountConsumers(Expr root)
    {
        var counts = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance) { [root] = 1 };
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>([root]);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            foreach (var child in e.Children)
            {
                counts[child] = counts.GetValueOrDefault(child) + 1;
                stack.Push(child);
            }
        }

        return counts;
    }

    /// <summary>The expression (optimised or not) lowered to a culled task graph, with the keys of its blocks.</summary>
    /// <param name="optimize">Whether to run the optimizer passes and cull.</param>
    /// <param name="trackBytes">Whether to record the bytes each task produces (graph statistics).</param>
    internal LoweredArray Plan(bool optimize, bool trackBytes = true)
    {
        Expr expr = optimize ? ElementwiseFusion.Optimize(SlicePushdown.Optimize(Expr)) : Expr;
        var lowering = new GraphLowering
        {
            TrackBytes = trackBytes,
            Consumers = optimize ? CountConsumers(expr) : null,
            FoldChains = Scheduler.Default.MemorySpaces,
        };
        var keys = lowering.Lower(expr);
        var graph = lowering.ToGraph();
        return new LoweredArray(expr, optimize && lowering.NeedsCull ? graph.Cull(keys.Keys) : graph, keys, lowering.BytesOfKey);
    }
}
