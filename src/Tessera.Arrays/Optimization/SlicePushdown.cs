using Tessera.Arrays.Expressions;
using Tessera.Arrays.Slicing;

namespace Tessera.Arrays.Optimization;

/// <summary>
/// Moves selections towards the leaves of an expression: below elementwise functions, reductions
/// over other axes, rechunks, stacks and concatenations, so only the blocks (and, inside them, the
/// elements) that the result needs are ever produced. Dask cannot do this (dask/dask#2431).
/// </summary>
internal static class SlicePushdown
{
    public static Expr Optimize(Expr root) => new Rewriter().Visit(root);

    internal sealed class Rewriter
    {
        private readonly Dictionary<Expr, Expr> _done = new(ReferenceEqualityComparer.Instance);

        public Expr Visit(Expr e)
        {
            if (_done.TryGetValue(e, out var known))
            {
                return known;
            }

            Expr result = e is ISliceNode slice ? slice.Push(this) : Rebuild(e);
            _done[e] = result;
            return result;
        }

        private Expr Rebuild(Expr e)
        {
            var children = e.Children;
            if (children.Count == 0)
            {
                return e;
            }

            var visited = children.Select(Visit).ToArray();
            return visited.SequenceEqual(children) ? e : e.WithChildren(visited);
        }

        public Expr Slice<T>(Expr<T> child, AxisSelection[] slices)
            where T : unmanaged =>
            slices.Select((s, a) => s.IsFull(child.Shape[a])).All(f => f)
                ? Visit(child)
                : Visit(new SliceExpr<T>(child, slices));

        public Expr PushSlice<T>(SliceExpr<T> s)
            where T : unmanaged
        {
            var slices = s.Slices;
            switch (s.Child)
            {
                case SliceExpr<T> inner:
                    return Slice(inner.Child, Compose(inner.Slices, slices));

                case StackExpr<T> stack:
                    {
                        var along = slices[stack.Axis];
                        var rest = slices.Where((_, a) => a != stack.Axis).ToArray();
                        if (along.Drop)
                        {
                            return Slice(stack.Items[along.Start], rest);
                        }

                        var items = new List<Expr<T>>();
                        for (long k = 0; k < along.Length; k++)
                        {
                            items.Add((Expr<T>)Slice(stack.Items[along.Start + (k * along.Step)], rest));
                        }

                        int axis = slices.Take(stack.Axis).Count(x => !x.Drop);
                        return items.Count == 0 ? Keep(s) : new StackExpr<T>([.. items], axis);
                    }

                case RechunkExpr<T> rechunk:
                    {
                        var inner = (Expr<T>)Slice(rechunk.Child, slices);
                        var target = SliceExpr<T>.SliceChunks(rechunk.Chunks, slices);
                        return Chunks.Same(inner.Chunks, target) ? inner : new RechunkExpr<T>(inner, target);
                    }

                case ReductionExpr<T> reduction:
                    return PushThroughReduction(s, reduction);

                case ConcatenateExpr<T> concat:
                    return PushThroughConcatenate(s, concat);

                case RegionSourceExpr<T> region:
                    return region.Select(slices);

                case FullExpr<T> full:
                    return new FullExpr<T>(full.Value, s.Shape, s.Chunks);

                case ElementwiseExpr<T> elementwise:
                    return PushThroughElementwise(s, elementwise);

                default:
                    return Keep(s);
            }
        }

        private Expr Keep<T>(SliceExpr<T> s)
            where T : unmanaged
        {
            var child = (Expr<T>)Visit(s.Child);
            return ReferenceEquals(child, s.Child) ? s : new SliceExpr<T>(child, s.Slices);
        }

        private Expr PushThroughReduction<T>(SliceExpr<T> s, ReductionExpr<T> r)
            where T : unmanaged
        {
            var childSlices = new AxisSelection[r.Child.NDim];
            var residual = new List<AxisSelection>();
            int outAxis = 0;
            for (int a = 0; a < r.Child.NDim; a++)
            {
                bool reduced = r.Axes.Contains(a);
                if (reduced)
                {
                    childSlices[a] = AxisSelection.Full(r.Child.Shape[a]);
                    if (r.KeepDims)
                    {
                        // A selection of a length-1 axis (whole, index 0, or empty) stays above the reduction.
                        residual.Add(s.Slices[outAxis++]);
                    }

                    continue;
                }

                var sl = s.Slices[outAxis++];
                childSlices[a] = sl.Kept();
                residual.Add(sl.Drop ? AxisSelection.Index(0) : AxisSelection.Full(sl.Length));
            }

            if (childSlices.Select((x, a) => x.IsFull(r.Child.Shape[a])).All(f => f))
            {
                return Keep(s);
            }

            var child = (Expr<T>)Slice(r.Child, childSlices);
            var reduced2 = new ReductionExpr<T>(child, r.Kind, r.Axes, r.KeepDims, r.SplitEvery);
            bool whole = residual.Select((x, a) => x.IsFull(reduced2.Shape[a])).All(f => f);
            return whole ? reduced2 : new SliceExpr<T>(reduced2, [.. residual]);
        }

        private Expr PushThroughElementwise<T>(SliceExpr<T> s, ElementwiseExpr<T> e)
            where T : unmanaged
        {
            var inputs = new Expr[e.Inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                var input = e.Inputs[i];
                int offset = e.NDim - input.NDim;
                var own = new AxisSelection[input.NDim];
                for (int a = 0; a < input.NDim; a++)
                {
                    var sl = s.Slices[a + offset];
                    bool broadcast = input.Shape[a] == 1 && e.Shape[a + offset] != 1;
                    own[a] = broadcast ? (sl.Drop ? AxisSelection.Index(0) : AxisSelection.Full(1)) : sl;
                }

                inputs[i] = SliceAny(input, own);
            }

            return new ElementwiseExpr<T>(inputs, s.Shape, Broadcasting.OutputChunks(s.NDim, inputs), e.Kernel);
        }

        private Expr PushThroughConcatenate<T>(SliceExpr<T> s, ConcatenateExpr<T> c)
            where T : unmanaged
        {
            var along = s.Slices[c.Axis];
            var parts = new List<Expr<T>>();

            // The items are the "blocks" of the concatenated axis: plan the selection over them.
            foreach (var piece in SlicePlanner.PlanAxis([.. c.Items.Select(item => item.Shape[c.Axis])], along))
            {
                var own = (AxisSelection[])s.Slices.Clone();
                own[c.Axis] = piece.Local;
                parts.Add((Expr<T>)Slice(c.Items[piece.SourceBlock], own));
            }

            if (along.Drop)
            {
                return parts[0];
            }

            int axis = s.Slices.Take(c.Axis).Count(x => !x.Drop);
            return parts.Count switch
            {
                0 => Keep(s),
                1 => parts[0],
                _ => new ConcatenateExpr<T>([.. parts], axis),
            };
        }

        private Expr SliceAny(Expr input, AxisSelection[] slices) => input.CreateSlice(this, slices);
    }

    internal static AxisSelection[] Compose(AxisSelection[] inner, AxisSelection[] outer)
    {
        var result = new AxisSelection[inner.Length];
        int o = 0;
        for (int a = 0; a < inner.Length; a++)
        {
            result[a] = inner[a].Drop ? inner[a] : inner[a].Then(outer[o++]);
        }

        return result;
    }


    internal interface ISliceNode
    {
        Expr Push(Rewriter rewriter);
    }
}
