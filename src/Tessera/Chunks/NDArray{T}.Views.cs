namespace Tessera;

/// <summary>
/// Zero-copy views: slicing, reshaping, transposing and broadcasting. Every view of a constant array materialises it
/// first, so views share (and write to) real memory with their base, as in NumPy.
/// </summary>
public sealed unsafe partial class NDArray<T>
{
    /// <summary>Same as <see cref="Slice"/>: <c>a[1.., ^1]</c>, <c>a[SliceSpec.Every(2), 0]</c>.</summary>
    /// <param name="specs">Per-axis selections.</param>
    public NDArray<T> this[params SliceSpec[] specs] => Slice(specs);

    /// <summary>
    /// A view selecting per axis an index (drops the axis) or a start:stop:step range (negative steps reverse).
    /// Axes beyond the given specs are kept whole. The view holds its own lease and must be disposed.
    /// </summary>
    /// <param name="specs">At most <see cref="NDim"/> selections.</param>
    /// <exception cref="ArgumentException">More specs than dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of bounds; the message names index, axis and shape.</exception>
    public NDArray<T> Slice(params SliceSpec[] specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ThrowIfDisposed();
        if (specs.Length > NDim)
        {
            throw new ArgumentException($"Slice: {specs.Length} selections given for an array of shape {Shapes.Format(_shape)}.", nameof(specs));
        }

        var layout = Materialized();
        var shape = new List<long>(NDim);
        var strides = new List<long>(NDim);
        var offset = layout.Offset;
        for (var axis = 0; axis < NDim; axis++)
        {
            var spec = axis < specs.Length ? specs[axis] : SliceSpec.All;
            var (first, count, step) = spec.Resolve(_shape[axis], axis, _shape);
            if (count > 0)
            {
                offset += first * layout.Strides[axis];
            }

            if (!spec.IsIndex)
            {
                shape.Add(count);
                strides.Add(layout.Strides[axis] * step);
            }
        }

        return View(layout, [.. shape], [.. strides], offset);
    }

    /// <summary>
    /// The same elements in a new shape (one dimension may be -1 to infer it). A view when this array is contiguous,
    /// otherwise a contiguous copy.
    /// </summary>
    /// <param name="shape">New dimensions with the same element count.</param>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public NDArray<T> Reshape(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ThrowIfDisposed();
        var s = (long[])shape.Clone();
        var infer = Array.IndexOf(s, -1L);
        if (infer >= 0)
        {
            s[infer] = 1;
            var known = Shapes.Validate(s, sizeof(T), "Reshape");
            s[infer] = known == 0 ? 0 : Size / known;
        }

        var size = Shapes.Validate(s, sizeof(T), "Reshape");
        if (size != Size)
        {
            throw new ArgumentException($"Reshape: cannot reshape an array of shape {Shapes.Format(_shape)} ({Size} elements) into {Shapes.Format(shape)}.", nameof(shape));
        }

        if (IsContiguous)
        {
            var layout = Materialized();
            return View(layout, s, Shapes.ContiguousStrides(s), layout.Offset);
        }

        using var copy = Copy();
        return copy.Reshape(s);
    }

    /// <summary>A view with the axes permuted; no argument reverses them.</summary>
    /// <param name="axes">A permutation of 0..NDim-1 (negative values count from the end).</param>
    public NDArray<T> Transpose(params int[] axes)
    {
        ThrowIfDisposed();
        var perm = axes is null || axes.Length == 0 ? Enumerable.Range(0, NDim).Reverse().ToArray() : axes;
        if (perm.Length != NDim)
        {
            throw new ArgumentException($"Transpose: {perm.Length} axes given for an array of shape {Shapes.Format(_shape)}.", nameof(axes));
        }

        var layout = Materialized();
        var seen = new bool[NDim];
        var shape = new long[NDim];
        var strides = new long[NDim];
        for (var i = 0; i < NDim; i++)
        {
            var a = Shapes.Axis(perm[i], NDim, "Transpose");
            if (seen[a])
            {
                throw new ArgumentException($"Transpose: axis {perm[i]} is repeated.", nameof(axes));
            }

            seen[a] = true;
            shape[i] = _shape[a];
            strides[i] = layout.Strides[a];
        }

        return View(layout, shape, strides, layout.Offset);
    }

    /// <summary>A view without the given axis of length 1, or without all length-1 axes when <paramref name="axis"/> is null.</summary>
    /// <param name="axis">Axis to drop (must have length 1), or null (default) for all.</param>
    public NDArray<T> Squeeze(int? axis = null)
    {
        ThrowIfDisposed();
        var drop = new bool[NDim];
        if (axis is { } ax)
        {
            var a = Shapes.Axis(ax, NDim, "Squeeze");
            if (_shape[a] != 1)
            {
                throw new ArgumentException($"Squeeze: axis {ax} of shape {Shapes.Format(_shape)} does not have length 1.", nameof(axis));
            }

            drop[a] = true;
        }
        else
        {
            for (var i = 0; i < NDim; i++)
            {
                drop[i] = _shape[i] == 1;
            }
        }

        var layout = Materialized();
        var shape = new List<long>();
        var strides = new List<long>();
        for (var i = 0; i < NDim; i++)
        {
            if (!drop[i])
            {
                shape.Add(_shape[i]);
                strides.Add(layout.Strides[i]);
            }
        }

        return View(layout, [.. shape], [.. strides], layout.Offset);
    }

    /// <summary>A view with a new axis of length 1 inserted at <paramref name="axis"/> (0..NDim; negative counts from the end).</summary>
    /// <param name="axis">Position of the new axis in the result.</param>
    public NDArray<T> ExpandDims(int axis)
    {
        ThrowIfDisposed();
        var a = Shapes.Axis(axis, NDim + 1, "ExpandDims");
        var layout = Materialized();
        var shape = new List<long>(_shape);
        var strides = new List<long>(layout.Strides);
        shape.Insert(a, 1);
        strides.Insert(a, 0);
        return View(layout, [.. shape], [.. strides], layout.Offset);
    }

    /// <summary>A read-mostly view of this array broadcast to <paramref name="shape"/> (stride 0 on repeated axes).</summary>
    /// <param name="shape">Target shape; NumPy broadcasting rules.</param>
    /// <exception cref="ArgumentException">Not broadcastable; the message names both shapes.</exception>
    public NDArray<T> BroadcastTo(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ThrowIfDisposed();
        var s = (long[])shape.Clone();
        Shapes.Validate(s, sizeof(T), "BroadcastTo");
        Shapes.BroadcastStrides(_shape, new long[NDim], s, "BroadcastTo"); // validate before materialising
        var layout = Materialized();
        return View(layout, s, Shapes.BroadcastStrides(_shape, layout.Strides, s, "BroadcastTo"), layout.Offset);
    }
}
