namespace Tessera.Arrays;

/// <summary>
/// A strided selection of <see cref="Count"/> elements along one axis of one block (or array):
/// elements <c>Start, Start + Step, ..., Start + (Count - 1) * Step</c>.
/// </summary>
/// <param name="Start">First selected element (local index, &gt;= 0).</param>
/// <param name="Count">Number of selected elements (&gt;= 0).</param>
/// <param name="Step">Stride between selected elements; non-zero, negative walks backwards. Default 1.</param>
public readonly record struct AxisSlice(long Start, long Count, long Step = 1)
{
    /// <summary>A contiguous selection <c>[start, stop)</c> with step 1.</summary>
    /// <param name="start">Inclusive start.</param>
    /// <param name="stop">Exclusive stop, &gt;= <paramref name="start"/>.</param>
    public static AxisSlice Range(long start, long stop) => new(start, stop - start, 1);

    /// <summary>
    /// Tight exclusive Python-style stop: <c>Start + (Count - 1) * Step + sign(Step)</c>, or
    /// <see cref="Start"/> when empty. For negative steps it can be -1, which here means
    /// "past element 0" (unlike Python, where -1 would mean the last element); prefer <see cref="Count"/>.
    /// </summary>
    public long Stop => Count == 0 ? Start : Start + ((Count - 1) * Step) + Math.Sign(Step);

    /// <summary>The last selected element (equals <see cref="Start"/> when empty).</summary>
    public long Last => Count == 0 ? Start : Start + ((Count - 1) * Step);

    /// <summary>Python-like text <c>start:stop:step</c> (step omitted when 1).</summary>
    public override string ToString() => Step == 1 ? $"{Start}:{Stop}" : $"{Start}:{Stop}:{Step}";
}
