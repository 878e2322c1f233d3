namespace Tessera.Arrays.Tests.Conformance;

/// <summary>
/// Random conformance cases: shapes up to rank 3 (axes of length 1 and 0 included), regular,
/// irregular and size-1 chunkings, inputs of six dtypes (some broadcast), NaN and infinities in
/// float inputs, random elementwise trees of depth up to 3 over the part 1 surface, then a
/// reduction, a scan or a selection at the top. Part 2 adds its operations to <see cref="Elementwise"/>
/// and <see cref="Top"/>.
/// </summary>
internal sealed class CaseGenerator(int seed)
{
    private static readonly string[] DTypes = ["float64", "float32", "int64", "int32", "uint8", "bool"];

    private readonly Random _r = new(seed);
    private List<CaseInput> _inputs = [];
    private long[] _shape = [];

    public ConformanceCase Next(int id)
    {
        _inputs = [];
        _shape = Shape(0, 3);
        var (tree, dtype) = Elementwise(_r.Next(0, 4));
        var expr = Top(tree, dtype);
        return new ConformanceCase { Id = id, Seed = seed, Inputs = _inputs, Expr = expr };
    }

    /// <summary>Every operation the suite knows, for <see cref="ForOperation"/>.</summary>
    public static readonly string[] Operations =
    [
        "neg", "abs", "sign", "sqrt", "exp", "log", "log1p", "sin", "cos", "tan", "tanh", "floor", "ceil", "round",
        "add", "sub", "mul", "truediv", "minimum", "maximum", "power", "mod", "floordiv", "add_s", "rsub_s", "mul_s",
        "minimum_s", "maximum_s", "power_s", "mod_s", "floordiv_s", "equal", "not_equal", "less", "less_equal", "greater",
        "greater_equal", "less_s", "greater_equal_s", "clip", "isnan", "isfinite", "where", "logical_and", "logical_or",
        "logical_xor", "logical_not", "sum", "prod", "min", "max", "mean", "var", "std", "argmin", "argmax", "cumsum",
        "cumprod", "nansum", "nanmean", "nanmin", "nanmax", "count_nonzero", "any", "all",
    ];

    /// <summary>A case whose top is <paramref name="op"/> over fresh inputs (a dtype it accepts, picked at random).</summary>
    public ConformanceCase ForOperation(int id, string op)
    {
        _inputs = [];
        _shape = Shape(1, 3);
        bool logical = op.StartsWith("logical", StringComparison.Ordinal);
        bool floatOnly = op is "truediv" or "power" || op.StartsWith("nan", StringComparison.Ordinal);
        string dtype = logical ? "bool" : floatOnly ? Pick("float64", "float32") : Pick("float64", "float32", "int64", "int32", "uint8");
        var (x, _) = Leaf(dtype, full: true);
        CaseNode node;
        if (Array.IndexOf(["sum", "prod", "min", "max", "mean", "var", "std", "argmin", "argmax", "cumsum", "cumprod", "nansum", "nanmean", "nanmin", "nanmax", "count_nonzero", "any", "all"], op) >= 0)
        {
            node = CaseNode.Of(op, x);
            int ndim = _shape.Length;
            if (op is "cumsum" or "cumprod" || _r.Next(2) == 0)
            {
                node.With("axis", _r.Next(-ndim, ndim));
            }

            if (op is not ("cumsum" or "cumprod"))
            {
                node.With("keepdims", _r.Next(2) == 0).With("split", _r.Next(2, 5));
            }

            if (op is "var" or "std")
            {
                node.With("ddof", _r.Next(0, 2));
            }

            return new ConformanceCase { Id = id, Seed = -1, Inputs = _inputs, Expr = node };
        }

        node = op switch
        {
            "where" => CaseNode.Of("where", Leaf("bool").Node, x, Leaf(dtype).Node),
            "clip" => CaseNode.Of("clip", x).With("min", dtype == "uint8" ? 20 : -3).With("max", dtype == "uint8" ? 200 : 4),
            "round" => CaseNode.Of("round", x).With("decimals", dtype.StartsWith("float", StringComparison.Ordinal) ? _r.Next(0, 3) : 0),
            "power_s" => CaseNode.Of(op, x).With("value", _r.Next(0, 4)),
            _ when op.EndsWith("_s", StringComparison.Ordinal) => CaseNode.Of(op, x).With("value", ScalarFor(dtype, op)),
            "neg" or "abs" or "sign" or "sqrt" or "exp" or "log" or "log1p" or "sin" or "cos" or "tan" or "tanh" or "floor" or "ceil"
                or "isnan" or "isfinite" or "logical_not" => CaseNode.Of(op, x),
            _ => CaseNode.Of(op, x, Leaf(dtype).Node),
        };
        return new ConformanceCase { Id = id, Seed = -1, Inputs = _inputs, Expr = node };
    }

    private (CaseNode Node, string DType) Leaf(string? dtype = null, bool full = false)
    {
        if (_inputs.Count > 0 && _r.Next(3) == 0 && !full)
        {
            int k = _r.Next(_inputs.Count);
            if (dtype is null || _inputs[k].DType == dtype)
            {
                return (CaseNode.Input(k), _inputs[k].DType);
            }
        }

        dtype ??= DTypes[_r.Next(DTypes.Length)];
        var shape = _r.Next(4) == 0 && !full ? BroadcastVariant() : _shape;
        _inputs.Add(new CaseInput { Values = Values(dtype, shape), Chunks = Chunks(shape) });
        return (CaseNode.Input(_inputs.Count - 1), dtype);
    }

    private long[] BroadcastVariant()
    {
        int drop = _r.Next(0, _shape.Length + 1);
        return [.. _shape.Skip(drop).Select(n => _r.Next(3) == 0 ? 1 : n)];
    }

    private object Values(string dtype, long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        double Float()
        {
            int k = _r.Next(40);
            return k switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => double.NegativeInfinity,
                3 => 0.0,
                _ => Math.Round((_r.NextDouble() * 20) - 10, _r.Next(1, 6)),
            };
        }

        return dtype switch
        {
            "float64" => Wrap(Enumerable.Range(0, (int)n).Select(_ => Float()).ToArray(), shape),
            "float32" => Wrap(Enumerable.Range(0, (int)n).Select(_ => (float)Float()).ToArray(), shape),
            "int64" => Wrap(Enumerable.Range(0, (int)n).Select(_ => (long)_r.Next(-50, 51)).ToArray(), shape),
            "int32" => Wrap(Enumerable.Range(0, (int)n).Select(_ => _r.Next(-50, 51)).ToArray(), shape),
            "uint8" => Wrap(Enumerable.Range(0, (int)n).Select(_ => (byte)_r.Next(0, 256)).ToArray(), shape),
            _ => Wrap(Enumerable.Range(0, (int)n).Select(_ => _r.Next(2) == 0).ToArray(), shape),
        };
    }

    private static NDArray<T> Wrap<T>(T[] values, long[] shape)
        where T : unmanaged => shape.Length == 0 ? NDArray.Scalar(values[0]) : NDArray.Wrap(values, shape);

    /// <summary>An elementwise tree and its NumPy dtype.</summary>
    private (CaseNode Node, string DType) Elementwise(int depth)
    {
        if (depth == 0)
        {
            return Leaf();
        }

        var (x, dt) = Elementwise(depth - 1);
        bool isFloat = dt is "float64" or "float32";
        if (dt == "bool")
        {
            switch (_r.Next(6))
            {
                case 0: return (CaseNode.Of("logical_not", x), "bool");
                case 1: return (CaseNode.Of(Pick("logical_and", "logical_or", "logical_xor"), x, Same("bool", depth)), "bool");
                case 2:
                    {
                        var target = DTypes[_r.Next(DTypes.Length - 1)];
                        var (a, _) = As(Elementwise(depth - 1), target);
                        return (CaseNode.Of("where", x, a, Same(target, depth)), target);
                    }

                case 3: return (CaseNode.Of(Pick("equal", "not_equal", "less", "greater_equal"), x, Same("bool", depth)), "bool");
                case 4:
                    {
                        var target = DTypes[_r.Next(DTypes.Length - 1)];
                        return (CaseNode.Of("astype", x).With("dtype", target), target);
                    }

                default: return (x, dt);
            }
        }

        switch (_r.Next(12))
        {
            case 0: return (CaseNode.Of(Pick("neg", "abs", "sign"), x), dt);
            case 1:
                return (CaseNode.Of(Pick("sqrt", "exp", "log", "log1p", "sin", "cos", "tan", "tanh", "floor", "ceil"), x), isFloat ? dt : "float64");
            case 2: return (CaseNode.Of(Pick("add", "sub", "mul", "minimum", "maximum", "mod", "floordiv"), x, Same(dt, depth)), dt);
            case 3:
                return isFloat ? (CaseNode.Of(Pick("truediv", "power"), x, Same(dt, depth)), dt)
                    : (CaseNode.Of("power_s", x).With("value", _r.Next(0, 4)), dt);
            case 4:
                {
                    var op = Pick("add_s", "sub_s", "mul_s", "rsub_s", "minimum_s", "maximum_s", "mod_s", "floordiv_s");
                    return (CaseNode.Of(op, x).With("value", ScalarFor(dt, op)), dt);
                }

            case 5: return (CaseNode.Of(Pick("equal", "not_equal", "less", "less_equal", "greater", "greater_equal"), x, Same(dt, depth)), "bool");
            case 6: return (CaseNode.Of(Pick("less_s", "greater_s", "equal_s", "greater_equal_s"), x).With("value", ScalarFor(dt, "cmp")), "bool");
            case 7:
                {
                    var node = CaseNode.Of("clip", x);
                    double lo = dt == "uint8" ? _r.Next(0, 100) : _r.Next(-20, 5);
                    if (_r.Next(3) > 0) { node.With("min", lo); }
                    if (!node.Has("min") || _r.Next(2) == 0) { node.With("max", lo + _r.Next(0, 30)); }
                    return (node, dt);
                }

            case 8: return (CaseNode.Of(Pick("isnan", "isfinite"), x), "bool");
            case 9: return (CaseNode.Of("round", x).With("decimals", isFloat ? _r.Next(0, 3) : 0), dt);
            case 10:
                {
                    var target = Pick("float64", "int64", "float32", "int32", "uint8");
                    if (isFloat && target is not ("float64" or "float32"))
                    {
                        target = "float64"; // float -> int conversions of NaN and infinities are undefined in C and in NumPy
                    }

                    return (CaseNode.Of("astype", x).With("dtype", target), target);
                }

            default: return (CaseNode.Of("where", Cond(depth), x, Same(dt, depth)), dt);
        }
    }

    private CaseNode Cond(int depth)
    {
        var (c, dt) = Elementwise(Math.Max(0, depth - 2));
        return dt == "bool" ? c : CaseNode.Of("greater_s", c).With("value", 0);
    }

    private CaseNode Same(string dtype, int depth)
    {
        var (y, dt) = _r.Next(2) == 0 ? Leaf(dtype) : Elementwise(Math.Max(0, depth - 2));
        return As((y, dt), dtype).Node;
    }

    // Float to integer conversions of NaN, infinities and out-of-range values are undefined (C, NumPy and
    // .NET disagree), so an integer operand is drawn afresh instead of converted from floats.
    private (CaseNode Node, string DType) As((CaseNode Node, string DType) x, string dtype) =>
        x.DType == dtype ? x
            : x.DType is "float64" or "float32" && dtype is not ("float64" or "float32" or "bool") ? Leaf(dtype)
            : (CaseNode.Of("astype", x.Node).With("dtype", dtype), dtype);

    private object ScalarFor(string dt, string op) => dt switch
    {
        "uint8" => _r.Next(0, 20),
        "float64" or "float32" => Math.Round((_r.NextDouble() * 10) - 5, 2),
        _ => op is "mod_s" or "floordiv_s" ? _r.Next(-7, 8) : _r.Next(-30, 31),
    };

    /// <summary>The top of a case: a reduction, a scan, a selection, or the tree itself.</summary>
    private CaseNode Top(CaseNode tree, string dtype)
    {
        if (_r.Next(4) == 0 && _shape.Length > 0)
        {
            tree = Select(tree);
        }

        int ndim = NDimOf(tree);
        if (_r.Next(5) == 0 || ndim == 0)
        {
            return tree;
        }

        bool isFloat = dtype is "float64" or "float32";
        string[] ops = dtype == "bool"
            ? ["sum", "prod", "any", "all", "count_nonzero", "argmax", "argmin", "cumsum", "mean"]
            : isFloat
                ? ["sum", "prod", "min", "max", "mean", "var", "std", "argmin", "argmax", "cumsum", "cumprod", "nansum", "nanmean", "nanmin", "nanmax", "count_nonzero", "any"]
                : ["sum", "prod", "min", "max", "mean", "var", "std", "argmin", "argmax", "cumsum", "cumprod", "count_nonzero", "all"];
        string op = ops[_r.Next(ops.Length)];
        var node = CaseNode.Of(op, tree);
        bool scan = op is "cumsum" or "cumprod";
        if (scan || _r.Next(3) > 0)
        {
            node.With("axis", _r.Next(-ndim, ndim));
        }

        if (!scan)
        {
            node.With("keepdims", _r.Next(2) == 0).With("split", _r.Next(2, 5));
        }

        if (op is "var" or "std")
        {
            node.With("ddof", _r.Next(0, 2));
        }

        if (op is "argmin" or "argmax" && !node.Has("axis"))
        {
            node.With("keepdims", false);
        }

        return node;
    }

    private CaseNode Select(CaseNode tree)
    {
        var index = new List<Dictionary<string, object?>>();
        foreach (var n in ShapeOf(tree))
        {
            switch (_r.Next(5))
            {
                case 0 when n > 0:
                    index.Add(new() { ["at"] = _r.Next(0, (int)n) - (_r.Next(2) == 0 ? 0 : n) });
                    break;
                case 1:
                    index.Add(new() { ["start"] = null, ["stop"] = null, ["step"] = -_r.Next(1, 3) });
                    break;
                case 2:
                    index.Add(new() { ["start"] = (long)_r.Next(0, (int)n + 1), ["stop"] = (long)_r.Next(0, (int)n + 2), ["step"] = (long)_r.Next(1, 3) });
                    break;
                default:
                    index.Add(new() { ["start"] = null, ["stop"] = null, ["step"] = 1L });
                    break;
            }
        }

        return CaseNode.Of("slice", tree).With("index", index);
    }

    // The inputs may broadcast to less than the case's shape: the tree's shape is their broadcast.
    private long[] ShapeOf(CaseNode tree)
    {
        var shapes = Leaves(tree).Select(k => InputShape(_inputs[k])).ToList();
        var shape = shapes[0];
        foreach (var s in shapes.Skip(1))
        {
            shape = Shapes.Broadcast(shape, s, "case");
        }

        return shape;
    }

    private int NDimOf(CaseNode tree) => tree.Op == "slice"
        ? CaseEvaluator.Slices(Reparse(tree)).Count(s => !s.Drop)
        : ShapeOf(tree).Length;

    private static CaseNode Reparse(CaseNode node) =>
        System.Text.Json.JsonSerializer.Deserialize<CaseNode>(System.Text.Json.JsonSerializer.Serialize(node))!;

    private static IEnumerable<int> Leaves(CaseNode n) =>
        n.Op == "input" ? [n.Get("index", 0)] : n.Args.SelectMany(Leaves);

    private static long[] InputShape(CaseInput input) => input.Values switch
    {
        NDArray<double> a => a.Shape.ToArray(),
        NDArray<float> a => a.Shape.ToArray(),
        NDArray<long> a => a.Shape.ToArray(),
        NDArray<int> a => a.Shape.ToArray(),
        NDArray<byte> a => a.Shape.ToArray(),
        NDArray<bool> a => a.Shape.ToArray(),
        _ => [],
    };

    private string Pick(params string[] options) => options[_r.Next(options.Length)];

    // Axes of length 1 in a quarter of cases, lengths up to 12 (0 only through selections).
    private long[] Shape(int minRank, int maxRank)
    {
        int rank = _r.Next(minRank, maxRank + 1);
        return [.. Enumerable.Range(0, rank).Select(_ => _r.Next(4) == 0 ? 1L : _r.Next(1, 13))];
    }

    // Per axis: regular (last block short), or irregular with blocks of 1 to 5 (size-1 blocks included).
    private long[][] Chunks(long[] shape) => [.. shape.Select(n =>
    {
        var sizes = new List<long>();
        if (_r.Next(2) == 0)
        {
            long c = _r.Next(1, (int)n + 1);
            for (long left = n; left > 0; left -= c)
            {
                sizes.Add(System.Math.Min(c, left));
            }
        }
        else
        {
            for (long left = n; left > 0;)
            {
                long c = System.Math.Min(left, _r.Next(1, 6));
                sizes.Add(c);
                left -= c;
            }
        }

        return sizes.Count == 0 ? new long[] { 0 } : [.. sizes];
    })];
}
