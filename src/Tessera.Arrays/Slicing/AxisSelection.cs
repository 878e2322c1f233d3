namespace Tessera.Arrays.Slicing;

/// <summary>
/// A normalised selection along one axis: the elements <c>Start, Start + Step, …</c> below
/// <c>Stop</c>, with a positive step; <see cref="Drop"/> marks an integer index, whose axis leaves
/// the result.
/// </summary>
internal readonly record struct AxisSelection(long Start, long Stop, long Step, bool Drop)
{
    public long Length => Stop <= Start ? 0 : ((Stop - Start - 1) / Step) + 1;

    public static AxisSelection Full(long length) => new(0, length, 1, false);

    public static AxisSelection Index(long index) => new(index, index + 1, 1, true);

    public bool IsFull(long length) => !Drop && Start == 0 && Stop >= length && Step == 1;

    /// <summary>The selection of applying <paramref name="inner"/> to the result of this one.</summary>
    public AxisSelection Then(AxisSelection inner)
    {
        long start = Start + (inner.Start * Step);
        long step = Step * inner.Step;
        long count = inner.Length;
        long stop = count == 0 ? start : start + ((count - 1) * step) + 1;
        return new AxisSelection(start, stop, inner.Drop ? 1 : step, inner.Drop);
    }

    /// <summary>The same elements, but keeping the axis (an index becomes a one-long range).</summary>
    public AxisSelection Kept() => this with { Drop = false };

    public override string ToString() =>
        Drop ? $"{Start}" : Step == 1 ? $"{Start}:{Stop}" : $"{Start}:{Stop}:{Step}";
}
