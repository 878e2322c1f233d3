using System.Globalization;
using System.Text;

namespace Tessera;

/// <summary>
/// NumPy-like text for arrays: comma-separated, nested brackets, one line per row, blank lines between
/// higher-dimensional blocks, summarised with "..." (3 edge items per axis) above 1000 elements, lines wrapped
/// at 75 characters, elements right-aligned to a common width.
/// </summary>
internal static unsafe class ArrayFormatter
{
    /// <summary>Arrays with more elements than this are summarised.</summary>
    public const long Threshold = 1000;

    /// <summary>Elements shown at each end of a summarised axis.</summary>
    public const int EdgeItems = 3;

    private const int LineWidth = 75;

    public static string Format<T>(NDArray<T> array)
        where T : unmanaged
    {
        var layout = array.CurrentLayout;
        var p = layout.Base;
        var shape = array.ShapeArray;
        var strides = layout.Strides;
        if (array.Size == 0)
        {
            return "[]";
        }

        var summarize = array.Size > Threshold;
        var values = new List<T>();
        Collect(p, shape, strides, 0, summarize, values);
        var texts = FormatValues(values);
        var width = texts.Count == 0 ? 0 : texts.Max(t => t.Length);
        var sb = new StringBuilder();
        var next = 0;
        var lineStart = 0;
        Write(sb, shape, summarize, 0, texts, width, ref next, ref lineStart);
        GC.KeepAlive(array);
        return sb.ToString();
    }

    private static IEnumerable<long> Indices(long n, bool summarize)
    {
        if (!summarize || n <= 2 * EdgeItems)
        {
            for (long i = 0; i < n; i++)
            {
                yield return i;
            }

            yield break;
        }

        for (long i = 0; i < EdgeItems; i++)
        {
            yield return i;
        }

        yield return -1;
        for (var i = n - EdgeItems; i < n; i++)
        {
            yield return i;
        }
    }

    private static void Collect<T>(T* p, long[] shape, long[] strides, int axis, bool summarize, List<T> values)
        where T : unmanaged
    {
        if (axis == shape.Length)
        {
            values.Add(*p);
            return;
        }

        foreach (var i in Indices(shape[axis], summarize))
        {
            if (i >= 0)
            {
                Collect(p + (i * strides[axis]), shape, strides, axis + 1, summarize, values);
            }
        }
    }

    private static void Write(StringBuilder sb, long[] shape, bool summarize, int axis, List<string> texts, int width, ref int next, ref int lineStart)
    {
        if (axis == shape.Length)
        {
            sb.Append(texts[next++].PadLeft(width));
            return;
        }

        sb.Append('[');
        var first = true;
        foreach (var i in Indices(shape[axis], summarize))
        {
            if (!first)
            {
                if (axis == shape.Length - 1)
                {
                    sb.Append(',');
                    var itemWidth = i < 0 ? 3 : width;
                    if (sb.Length - lineStart + 1 + itemWidth + 1 > LineWidth)
                    {
                        sb.Append('\n');
                        lineStart = sb.Length;
                        sb.Append(' ', axis + 1);
                    }
                    else
                    {
                        sb.Append(' ');
                    }
                }
                else
                {
                    sb.Append(',').Append('\n', shape.Length - axis - 1);
                    lineStart = sb.Length;
                    sb.Append(' ', axis + 1);
                }
            }

            first = false;
            if (i < 0)
            {
                sb.Append("...");
            }
            else
            {
                Write(sb, shape, summarize, axis + 1, texts, width, ref next, ref lineStart);
            }
        }

        sb.Append(']');
    }

    private static List<string> FormatValues<T>(List<T> values)
        where T : unmanaged
    {
        if (DTypeInfo<T>.IsBool)
        {
            return values.Select(v => (bool)(object)v ? "True" : "False").ToList();
        }

        var ops = NumericOps<T>.Require("ToString");
        if (!ops.IsFloatingPoint)
        {
            return values.Select(v => ((IFormattable)v).ToString(null, CultureInfo.InvariantCulture)).ToList();
        }

        var doubles = values.Select(ops.ToDouble).ToList();
        var finite = doubles.Where(double.IsFinite).Select(Math.Abs).ToList();
        var scientific = finite.Count > 0 && (finite.Max() >= 1e16 || finite.Where(v => v != 0).DefaultIfEmpty(1).Min() < 1e-4);
        var texts = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var d = doubles[i];
            if (double.IsNaN(d))
            {
                texts.Add("nan");
            }
            else if (double.IsInfinity(d))
            {
                texts.Add(d > 0 ? "inf" : "-inf");
            }
            else if (scientific)
            {
                texts.Add(d.ToString("0.########e+00", CultureInfo.InvariantCulture));
            }
            else
            {
                var s = ((IFormattable)values[i]).ToString("R", CultureInfo.InvariantCulture);
                texts.Add(s.Contains('.', StringComparison.Ordinal) ? s : s + ".");
            }
        }

        if (!scientific)
        {
            // Align the decimal points: pad the fraction on the right like NumPy ("1. ", "2.5").
            var fraction = texts.Where(t => t.Contains('.', StringComparison.Ordinal)).Select(t => t.Length - t.IndexOf('.', StringComparison.Ordinal) - 1).DefaultIfEmpty(0).Max();
            for (var i = 0; i < texts.Count; i++)
            {
                var dot = texts[i].IndexOf('.', StringComparison.Ordinal);
                if (dot >= 0)
                {
                    texts[i] = texts[i].PadRight(dot + 1 + fraction);
                }
            }
        }

        return texts;
    }
}
