using Tessera.Arrays.Expressions;
using Tessera.Arrays.Slicing;

namespace Tessera.Arrays.Lowering;

/// <summary>The block-level functions the lowered tasks run (views, copies, partial reductions).</summary>
internal static class ChunkKernels<T>
    where T : unmanaged
{
    public static NDArray<T> CheckDelayedResult(object? value, long[] shape, Key source)
    {
        if (value is not NDArray<T> array)
        {
            throw new InvalidOperationException(
                $"DArray.FromDelayed: the delayed value {source} returned {value?.GetType().Name ?? "null"}, " +
                $"but NDArray<{typeof(T).Name}> (dtype {DTypes.Name<T>()}) with shape {PyTuple.Format(shape)} was declared; " +
                "declare the element type and shape the function returns.");
        }

        return CheckBlock(array, shape, "DArray.FromDelayed", $"the delayed value {source}");
    }

    public static NDArray<T> CheckBlock(NDArray<T> block, long[] shape, string operation, string what)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!block.Shape.SequenceEqual(shape))
        {
            throw new InvalidOperationException(
                $"{operation}: {what} has shape {PyTuple.Format(block.Shape.ToArray())}, but shape {PyTuple.Format(shape)} was declared; " +
                "declare the shape the function returns.");
        }

        return block;
    }

    /// <summary>A new view of a block held elsewhere (persisted), so releasing it never frees the original.</summary>
    public static NDArray<T> FreshView(NDArray<T> block) => block.Slice();

    public static NDArray<T> Region(NDArray<T> whole, long[] offset, long[] shape) =>
        whole.Slice([.. offset.Select((o, a) => SliceSpec.Range(o, o + shape[a]))]);

    public static NDArray<T> Full(T value, long[] shape) => NDArray.Full(value, shape);

    public static NDArray<T> ExpandDims(NDArray<T> block, int axis) => block.ExpandDims(axis);

    public static NDArray<T> View(NDArray<T> block, AxisSelection[] selection) =>
        block.Slice([.. selection.Select(s => s.Drop ? SliceSpec.At(s.Start) : SliceSpec.Range(s.Start, s.Stop < 0 ? null : s.Stop, s.Step))]);

    /// <summary>
    /// A selection inside a block: a view, except when it is under a quarter of the block, then a
    /// copy, so a small selection (a row of a 2 GiB facet) does not keep the whole block alive.
    /// </summary>
    public static NDArray<T> Select(NDArray<T> block, AxisSelection[] selection)
    {
        var view = View(block, selection);
        return view.NBytes * 4 <= block.NBytes ? view.Compact() : view;
    }

    /// <summary>
    /// Reads the region (<paramref name="offset"/>, <paramref name="shape"/>) of a source through the user's
    /// <paramref name="read"/> and keeps the selection <paramref name="local"/> inside it (a view when it is most of
    /// the region, else a copy, so a strided selection does not keep the whole region alive).
    /// </summary>
    public static NDArray<T> ReadRegion(Func<long[], long[], NDArray<T>> read, long[] offset, long[] shape, AxisSelection[] local, string name)
    {
        var region = CheckBlock(read(offset, shape), shape, name, $"the region at offset {PyTuple.Format(offset)}");
        if (local.All(l => !l.Drop && l.Step == 1))
        {
            return region;
        }

        var view = View(region, local);
        long regionBytes = region.NBytes;
        region.Dispose();
        return view.NBytes * 4 <= regionBytes ? view.Compact() : view;
    }

    /// <summary>A new block assembled from pieces of old blocks (a rechunk merge).</summary>
    public static NDArray<T> Assemble(object?[] blocks, RechunkSource[] sources, long[] shape)
    {
        var result = NDArray.Empty<T>(shape);
        for (int i = 0; i < sources.Length; i++)
        {
            var source = sources[i];
            using var from = ((NDArray<T>)blocks[i]!).Slice([.. source.Slices.Select(s => SliceSpec.Range(s.Start, s.Stop, s.Step))]);
            using var to = result.Slice([.. source.TargetOffset.Select((o, a) => SliceSpec.Range(o, o + from.Shape[a]))]);
            to.CopyFrom(from);
        }

        return result;
    }

    /// <summary>One block reduced along <paramref name="axes"/>.</summary>
    public static NDArray<T> ReduceBlock(ReductionKind kind, NDArray<T> block, int[] axes, bool keepDims) => kind switch
    {
        ReductionKind.Sum => block.Sum(axes, keepDims),
        ReductionKind.Prod => block.Prod(axes, keepDims),
        ReductionKind.Min => block.Min(axes, keepDims),
        ReductionKind.Max => block.Max(axes, keepDims),
        ReductionKind.Any => (NDArray<T>)(object)block.Any(axes, keepDims),
        ReductionKind.All => (NDArray<T>)(object)block.All(axes, keepDims),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown reduction"),
    };

    /// <summary>A block just computed inside the task reduced at once; the block is freed unless it is one of the task's inputs.</summary>
    public static NDArray<T> ReduceFresh(ReductionKind kind, NDArray<T> block, object?[] inputs, int[] axes, bool keepDims)
    {
        try
        {
            return ReduceBlock(kind, block, axes, keepDims);
        }
        finally
        {
            if (Array.IndexOf(inputs, block) < 0)
            {
                block.Dispose();
            }
        }
    }

    /// <summary>Partial results of one shape combined into one, then <paramref name="dropAxes"/> dropped.</summary>
    public static NDArray<T> Combine(ReductionKind kind, object?[] partials, int[] dropAxes)
    {
        var result = (NDArray<T>)partials[0]!;
        if (partials.Length == 1)
        {
            result = result.Copy();
        }

        for (int i = 1; i < partials.Length; i++)
        {
            result = Fold(kind, result, (NDArray<T>)partials[i]!, owned: i > 1);
        }

        return dropAxes.Length == 0 ? result : DropAxes(result, dropAxes);
    }

    /// <summary>
    /// One step of a fold: <paramref name="accumulator"/> combined with <paramref name="next"/>; in place when the
    /// accumulator is <paramref name="owned"/> (made by the previous step of the same chain), else into a copy.
    /// </summary>
    public static NDArray<T> Fold(ReductionKind kind, NDArray<T> accumulator, NDArray<T> next, bool owned)
    {
        if (kind is ReductionKind.Any or ReductionKind.All)
        {
            var a = (NDArray<bool>)(object)accumulator;
            var b = (NDArray<bool>)(object)next;
            var combined = kind == ReductionKind.Any ? NDArray.LogicalOr(a, b) : NDArray.LogicalAnd(a, b);
            if (owned)
            {
                accumulator.Dispose();
            }

            return (NDArray<T>)(object)combined;
        }

        var result = owned ? accumulator : accumulator.Copy();
        switch (kind)
        {
            case ReductionKind.Sum: result.AddInPlace(next); break;
            case ReductionKind.Prod: result.MultiplyInPlace(next); break;
            case ReductionKind.Min: result.MinimumInPlace(next); break;
            case ReductionKind.Max: result.MaximumInPlace(next); break;
        }

        return result;
    }

    /// <summary>A view without the given axes (each of length one).</summary>
    public static NDArray<T> DropAxes(NDArray<T> block, int[] axes)
    {
        var shape = block.Shape.ToArray().Where((_, a) => !axes.Contains(a)).ToArray();
        return block.Reshape(shape);
    }

    /// <summary>
    /// The one block of a one-block result, handed to the caller: copied when it may share a buffer
    /// held elsewhere (a persisted or in-memory source), else compacted (a view of a larger buffer is
    /// copied so it keeps nothing else alive). Multi-block results are stored block by block instead
    /// (<see cref="ResultBuffer{T}"/>).
    /// </summary>
    /// <param name="block">The computed block; this call takes it over.</param>
    /// <param name="copy">Whether the block may share a buffer held elsewhere.</param>
    public static NDArray<T> Single(NDArray<T> block, bool copy)
    {
        if (!copy)
        {
            return block.Compact();
        }

        var result = block.Copy();
        block.Dispose();
        return result;
    }
}
