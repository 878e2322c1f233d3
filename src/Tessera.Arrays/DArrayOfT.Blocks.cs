using Tessera.Arrays.Lowering;

namespace Tessera.Arrays;

public sealed partial class DArray<T>
{
    /// <summary>
    /// Computes the array and passes each block to <paramref name="write"/> inside the task that produced it, wherever
    /// tasks run (threads here, or the workers of a cluster): the way formats whose blocks go to separate files or
    /// separate chunks (NPY stacks, Zarr) are written in parallel. Blocks are released as soon as they are written.
    /// </summary>
    /// <param name="write">
    /// Writes one block; called concurrently for different blocks, so it must open what it writes itself and capture
    /// only values that can ship (paths, numbers). It must not dispose the block.
    /// </param>
    /// <param name="name">The prefix of the task keys, in Dask's style; the default is "store".</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <exception cref="TaskFailedException">A block or a write failed (through the returned task).</exception>
    public async Task WriteBlocksAsync(Action<NDArray<T>, BlockInfo> write, string name = "store", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var plan = Plan(optimize: true, trackBytes: false);
        var chunks = new Chunks(plan.Expr.Chunks);
        var run = TaskFunction.Create<NDArray<T>, BlockInfo, object?>(
            (block, info) =>
            {
                write(block, info);
                return null;
            },
            name);
        string layer = $"{name}-{Tokenizer.Tokenize(plan.Expr.Token, run.Token)}";
        var tasks = new List<TaskSpec>(plan.Blocks.Keys.Length);
        var keys = new Key[plan.Blocks.Keys.Length];
        int flat = 0;
        foreach (var block in chunks.BlockIndices())
        {
            keys[flat] = GraphLowering.BlockKey(layer, block);
            var info = new BlockInfo([.. block], chunks.BlockOffset(block), chunks.BlockShape(block));
            tasks.Add(new TaskSpec(keys[flat], run, TaskArg.Ref(plan.Blocks.Keys[flat]), TaskArg.Literal(info)));
            flat++;
        }

        var graph = plan.Graph.WithLayer(new Layer(layer, tasks, plan.Blocks.Layers));
        await Scheduler.Default.ComputeAsync(graph, keys, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Computes the array and passes each block to <paramref name="consume"/> in this process, as soon as it is ready:
    /// inside its task on a local scheduler, or when it has come back from a cluster. The way to write formats that
    /// one writer must write (one HDF5 file). Blocks are released after <paramref name="consume"/> returns.
    /// </summary>
    /// <param name="consume">Receives one block and where it lies; called from several threads at once, so it must synchronise what it shares. It must not dispose the block.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <exception cref="TaskFailedException">A block or <paramref name="consume"/> failed (through the returned task).</exception>
    public async Task ConsumeBlocksAsync(Action<NDArray<T>, BlockInfo> consume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consume);
        if (Scheduler.Default.SharesMemory)
        {
            // Tasks run in this process: consuming inside the tasks overlaps it with the computation.
            await WriteBlocksAsync(consume, "consume", cancellationToken).ConfigureAwait(false);
            return;
        }

        var plan = Plan(optimize: true, trackBytes: false);
        var chunks = new Chunks(plan.Expr.Chunks);
        var infos = chunks.BlockIndices().Select(index => new BlockInfo([.. index], chunks.BlockOffset(index), chunks.BlockShape(index))).ToArray();
        await Scheduler.Default.ComputeEachAsync(
            plan.Graph,
            plan.Blocks.Keys,
            (positions, value) =>
            {
                var block = (NDArray<T>)value!;
                try
                {
                    foreach (int at in positions)
                    {
                        consume(block, infos[at]);
                    }
                }
                finally
                {
                    block.Dispose();
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}
