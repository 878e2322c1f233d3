namespace Tessera.Arrays.Slicing;

/// <summary>
/// A normalised selection along one axis: the elements <c>Start, Start + Step, …</c> up to
/// <c>Stop</c> (exclusive; below it for a positive step, above it for a negative one, where it may
/// be -1); <see cref="Drop"/> marks an integer index, whose axis leaves the result.
/// </summary>
internal readonly record struct AxisSelection(long Start, long Stop, long Step, bool Drop)
{
    public long Length => Step > 0
        ? (Stop <= Start ? 0 : ((Stop - Start - 1) / Step) + 1)
        : (Start <= Stop ? 0 : ((Start - Stop - 1) / -Step) + 1);

    /// <summary>The selection of <paramref name="count"/> elements from <paramref name="start"/> by <paramref name="step"/> (either sign).</summary>
    public static AxisSelection Of(long start, long count, long step) =>
        new(start, count == 0 ? start : start + ((count - 1) * step) + Math.Sign(step), step, false);

    public static AxisSelection Full(long length) => new(0, length, 1, false);

    public static AxisSelection Index(long index) => new(index, index + 1, 1, true);

    public bool IsFull(long length) => !Drop && Start == 0 && Stop >= length && Step == 1;

    /// <summary>The selection of applying <paramref name="inner"/> to the result of this one.</summary>
    public AxisSelection Then(AxisSelection inner)
    {
        long start = Start + (inner.Start * Step);
        long step = Step * inner.Step;
        long count = inner.Length;
        return inner.Drop ? Index(start) : Of(start, count, step);
    }

    /// <summary>The same elements, but keeping the axis (an index becomes a one-long range).</summary>
    public AxisSelection Kept() => this with { Drop = false };

    public override string ToString() =>
        Drop ? $"{Start}" : Step == 1 ? $"{Start}:{Stop}" : $"{Start}:{Stop}:{Step}";
}
