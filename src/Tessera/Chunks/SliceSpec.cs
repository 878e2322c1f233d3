using System.Globalization;

namespace Tessera;

/// <summary>
/// One axis of an <see cref="NDArray{T}.Slice"/> request: either a single index (which removes the axis) or a
/// NumPy slice start:stop:step. Negative start/stop count from the end; omitted bounds default to the whole axis
/// in the direction of the step. Converts implicitly from <see cref="int"/>, <see cref="long"/>,
/// <see cref="System.Index"/> and <see cref="System.Range"/>.
/// </summary>
public readonly struct SliceSpec : IEquatable<SliceSpec>
{
    private SliceSpec(long? start, long? stop, long step, bool isIndex)
    {
        if (step == 0)
        {
            throw new ArgumentException("SliceSpec: step must not be zero.", nameof(step));
        }

        Start = start;
        Stop = stop;
        Step = step;
        IsIndex = isIndex;
    }

    /// <summary>The whole axis (<c>:</c>).</summary>
    public static SliceSpec All => new(null, null, 1, false);

    /// <summary>First index (null = default: 0 for positive steps, the last element for negative ones); negative counts from the end.</summary>
    public long? Start { get; }

    /// <summary>Exclusive bound (null = default: past the end in the step's direction); negative counts from the end.</summary>
    public long? Stop { get; }

    /// <summary>Step; never 0, may be negative. Default 1.</summary>
    public long Step { get; }

    /// <summary>Whether this selects a single index (<see cref="Start"/>) and drops the axis.</summary>
    public bool IsIndex { get; }

    /// <summary>A single index; negative counts from the end.</summary>
    /// <param name="index">The index.</param>
    public static SliceSpec At(long index) => new(index, null, 1, true);

    /// <summary>A slice start:stop:step.</summary>
    /// <param name="start">First index or null for the default.</param>
    /// <param name="stop">Exclusive bound or null for the default.</param>
    /// <param name="step">Step, not zero (default 1).</param>
    public static SliceSpec Range(long? start, long? stop, long step = 1) => new(start, stop, step, false);

    /// <summary>Every <paramref name="step"/>-th element of the axis (<c>::step</c>).</summary>
    /// <param name="step">Step, not zero.</param>
    public static SliceSpec Every(long step) => new(null, null, step, false);

    /// <summary>A single index.</summary>
    /// <param name="index">The index.</param>
    public static implicit operator SliceSpec(int index) => At(index);

    /// <summary>A single index.</summary>
    /// <param name="index">The index.</param>
    public static implicit operator SliceSpec(long index) => At(index);

    /// <summary>A single index; <c>^k</c> counts from the end.</summary>
    /// <param name="index">The index.</param>
    public static implicit operator SliceSpec(Index index) => At(index.IsFromEnd ? -(long)index.Value : index.Value);

    /// <summary>A slice with step 1; <c>^k</c> bounds count from the end, <c>^0</c> is the end.</summary>
    /// <param name="range">The range.</param>
    public static implicit operator SliceSpec(Range range)
    {
        long? start = range.Start.IsFromEnd ? (range.Start.Value == 0 ? long.MaxValue : -(long)range.Start.Value) : range.Start.Value;
        long? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -(long)range.End.Value) : range.End.Value;
        return new SliceSpec(start, stop, 1, false);
    }

    /// <summary>Equality.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    public static bool operator ==(SliceSpec left, SliceSpec right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    public static bool operator !=(SliceSpec left, SliceSpec right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(SliceSpec other) => Start == other.Start && Stop == other.Stop && Step == other.Step && IsIndex == other.IsIndex;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SliceSpec other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Start, Stop, Step, IsIndex);

    /// <summary>NumPy notation: <c>3</c>, <c>1:5</c>, <c>::-1</c>.</summary>
    public override string ToString() => IsIndex
        ? Start!.Value.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Start}:{Stop}{(Step == 1 ? string.Empty : ":" + Step.ToString(CultureInfo.InvariantCulture))}");

    /// <summary>Resolves against an axis of length <paramref name="n"/> (Python slice.indices semantics).</summary>
    /// <returns>First index, element count and step.</returns>
    /// <param name="n">The length of the axis, in elements.</param>
    /// <param name="axis">The axis, for error messages.</param>
    /// <param name="shape">The whole shape, for error messages.</param>
    public (long First, long Count, long Step) Resolve(long n, int axis, ReadOnlySpan<long> shape)
    {
        if (IsIndex)
        {
            var i = Start!.Value;
            if (i < -n || i >= n)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(axis), i, $"Slice: index {i} is out of bounds for axis {axis} with size {n} (shape {Shapes.Format(shape)}).");
            }

            return (i < 0 ? i + n : i, 1, 1);
        }

        long start, stop;
        if (Step > 0)
        {
            start = Start is { } s ? Clamp(s < 0 ? s + n : s, 0, n) : 0;
            stop = Stop is { } e ? Clamp(e < 0 ? e + n : e, 0, n) : n;
            return (start, stop > start ? ((stop - start - 1) / Step) + 1 : 0, Step);
        }

        start = Start is { } s2 ? Clamp(s2 < 0 ? s2 + n : s2, -1, n - 1) : n - 1;
        stop = Stop is { } e2 ? Clamp(e2 < 0 ? e2 + n : e2, -1, n - 1) : -1;
        return (start, start > stop ? ((start - stop - 1) / -Step) + 1 : 0, Step);
    }

    private static long Clamp(long v, long lo, long hi) => v < lo ? lo : (v > hi ? hi : v);
}
