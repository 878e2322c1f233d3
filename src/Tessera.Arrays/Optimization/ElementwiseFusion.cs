using Tessera.Arrays.Expressions;

namespace Tessera.Arrays.Optimization;

/// <summary>
/// Fuses chains of elementwise nodes of the same shape into one node whose kernel runs the whole
/// chain on a block, so a chain of k operations costs one task per block instead of k, and the
/// intermediate blocks are freed inside the task.
/// </summary>
internal static class ElementwiseFusion
{
    public static Expr Optimize(Expr root)
    {
        var done = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        return Visit(root, done);
    }

    private static Expr Visit(Expr e, Dictionary<Expr, Expr> done)
    {
        if (done.TryGetValue(e, out var known))
        {
            return known;
        }

        var children = e.Children.Select(c => Visit(c, done)).ToArray();
        var rebuilt = children.SequenceEqual(e.Children) ? e : e.WithChildren(children);
        var result = rebuilt is IFusible fusible ? fusible.FuseInputs() : rebuilt;
        done[e] = result;
        return result;
    }

    /// <summary>An elementwise node that can absorb elementwise inputs of its own shape.</summary>
    internal interface IFusible
    {
        Expr FuseInputs();
    }

    /// <summary>The kernel of <paramref name="outer"/> with input <paramref name="at"/> computed by <paramref name="inner"/>.</summary>
    public static BlockKernel Compose(BlockKernel outer, BlockKernel inner, int at, int innerCount)
    {
        return new BlockKernel(
            outer.Name,
            $"{outer.Description}[{at}<-{inner.Name}:{inner.Description}]",
            inputs =>
            {
                var innerInputs = inputs.AsSpan(at, innerCount).ToArray();
                var intermediate = inner.Apply(innerInputs);
                var outerInputs = new object[inputs.Length - innerCount + 1];
                inputs.AsSpan(0, at).CopyTo(outerInputs);
                outerInputs[at] = intermediate;
                inputs.AsSpan(at + innerCount).CopyTo(outerInputs.AsSpan(at + 1));
                var result = outer.Apply(outerInputs);
                if (!ReferenceEquals(result, intermediate) && Array.IndexOf(innerInputs, intermediate) < 0
                    && intermediate is IDisposable disposable)
                {
                    disposable.Dispose();
                }

                return result;
            });
    }
}
