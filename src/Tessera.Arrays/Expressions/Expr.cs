using System.Security.Cryptography;
using System.Text;

namespace Tessera.Arrays.Expressions;

/// <summary>
/// A node of a lazy array expression: its shape and per-axis chunk sizes are known at build time;
/// its blocks are produced by tasks only when the expression is lowered to a task graph.
/// </summary>
internal abstract class Expr
{
    private string? _token;

    protected Expr(long[] shape, long[][] chunks)
    {
        Shape = shape;
        Chunks = chunks;
    }

    public long[] Shape { get; }

    public long[][] Chunks { get; }

    public int NDim => Shape.Length;

    public abstract Type ElementType { get; }

    public abstract IReadOnlyList<Expr> Children { get; }

    /// <summary>The prefix of this node's layer and keys, in Dask's words ("rechunk-merge", "sum").</summary>
    public abstract string Name { get; }

    /// <summary>A deterministic token: the same expression built twice gets the same keys.</summary>
    public string Token => _token ??= ComputeToken();

    public string LayerName => $"{Name}-{Token}";

    /// <summary>The parameters that distinguish this node from another of the same kind.</summary>
    protected abstract string Describe();

    public abstract Expr WithChildren(IReadOnlyList<Expr> children);

    /// <summary>This expression sliced, with the slice pushed down as far as it goes.</summary>
    public abstract Expr CreateSlice(Optimization.SlicePushdown.Rewriter rewriter, Slicing.AxisSelection[] slices);

    /// <summary>This expression cut into <paramref name="chunks"/> (itself when they already match).</summary>
    public abstract Expr WithChunks(long[][] chunks);

    /// <summary>Adds this node's tasks to <paramref name="lowering"/> and returns its block keys.</summary>
    public abstract Lowering.BlockKeys LowerWith(Lowering.GraphLowering lowering);

    public int[] BlocksPerAxis => [.. Chunks.Select(c => c.Length)];

    public long BlockCount
    {
        get
        {
            long n = 1;
            foreach (var c in Chunks)
            {
                n *= c.Length;
            }

            return n;
        }
    }

    private string ComputeToken()
    {
        var text = new StringBuilder();
        text.Append(Name).Append('|').Append(ElementType.FullName).Append('|').Append(Describe());
        foreach (var child in Children)
        {
            text.Append('|').Append(child.Token);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
