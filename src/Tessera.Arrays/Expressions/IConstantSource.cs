namespace Tessera.Arrays.Expressions;

/// <summary>A node whose every block is one repeated value, so a consumer can make its blocks itself.</summary>
internal interface IConstantSource
{
    /// <summary>A (copy-on-write, one-element) block of this value with the given shape.</summary>
    object BlockConstant(long[] shape);
}
