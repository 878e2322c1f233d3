using System.Globalization;
using System.Numerics;

namespace Tessera.Arrays.Tests.Conformance;

/// <summary>Evaluates a <see cref="CaseNode"/> tree with Tessera's public API, dispatching on each DArray's dtype at run time.</summary>
internal static class CaseEvaluator
{
    public static string ClrName(string dtype) => dtype switch
    {
        "float64" => "double",
        "float32" => "float",
        "int64" => "long",
        "int32" => "int",
        "uint8" => "byte",
        "bool" => "bool",
        _ => dtype,
    };

    public static IEnumerable<(bool Drop, long At, long? Start, long? Stop, long Step)> Slices(CaseNode node)
    {
        foreach (var s in ToElements(node.Params["index"]).Cast<System.Text.Json.JsonElement>())
        {
            if (s.TryGetProperty("at", out var at) && at.ValueKind != System.Text.Json.JsonValueKind.Null)
            {
                yield return (true, at.GetInt64(), null, null, 1);
                continue;
            }

            long? Opt(string k) => s.TryGetProperty(k, out var v) && v.ValueKind != System.Text.Json.JsonValueKind.Null ? v.GetInt64() : null;
            yield return (false, 0, Opt("start"), Opt("stop"), Opt("step") ?? 1);
        }
    }

    public static object Eval(CaseNode n, object[] inputs)
    {
        if (n.Op == "input")
        {
            return inputs[n.Get("index", 0)];
        }

        var args = n.Args.Select(a => Eval(a, inputs)).ToArray();
        var x = args.Length > 0 ? args[0] : null!;
        string op = n.Op;
        return op switch
        {
            "astype" => AsType(x, n.Get("dtype", "")),
            "add" or "sub" or "mul" or "truediv" or "minimum" or "maximum" or "power" or "mod" or "floordiv"
                or "equal" or "not_equal" or "less" or "less_equal" or "greater" or "greater_equal" => Same(new BinaryOp(op), x, args[1]),
            "logical_and" => DArray.LogicalAnd((DArray<bool>)x, (DArray<bool>)args[1]),
            "logical_or" => (DArray<bool>)x | (DArray<bool>)args[1],
            "logical_xor" => (DArray<bool>)x ^ (DArray<bool>)args[1],
            "logical_not" => !(DArray<bool>)x,
            "where" => Same(new WhereOp((DArray<bool>)x), args[1], args[2]),
            "sqrt" or "exp" or "log" or "log1p" or "sin" or "cos" or "tan" or "tanh" or "floor" or "ceil" => FloatFunction(x, op),
            "sum" or "prod" or "cumsum" or "cumprod" => Accumulate(x, n),
            "nansum" or "nanmean" or "nanmin" or "nanmax" => NanReduce(x, n),
            _ => One(new UnaryOp(n), x),
        };
    }

    private static object AsType(object x, string dtype) => One(new AsTypeOp(dtype), x);

    private static object FloatFunction(object x, string op) => x switch
    {
        DArray<double> d => Float(d, op),
        DArray<float> f => Float(f, op),
        DArray<long> l => Integer(l, op),
        DArray<int> i => Integer(i, op),
        DArray<byte> b => Integer(b, op),
        _ => throw new NotSupportedException(op),
    };

    private static object Float<T>(DArray<T> x, string op)
        where T : unmanaged, IFloatingPointIeee754<T> => op switch
        {
            "sqrt" => x.Sqrt(),
            "exp" => x.Exp(),
            "log" => x.Log(),
            "log1p" => x.Log1p(),
            "sin" => x.Sin(),
            "cos" => x.Cos(),
            "tan" => x.Tan(),
            "tanh" => x.Tanh(),
            "floor" => x.Floor(),
            _ => x.Ceil(),
        };

    private static object Integer<T>(DArray<T> x, string op)
        where T : unmanaged, IBinaryInteger<T> => op switch
        {
            "sqrt" => x.Sqrt(),
            "exp" => x.Exp(),
            "log" => x.Log(),
            "log1p" => x.Log1p(),
            "sin" => x.Sin(),
            "cos" => x.Cos(),
            "tan" => x.Tan(),
            "tanh" => x.Tanh(),
            "floor" => x.Floor(),
            _ => x.Ceil(),
        };

    private static object Accumulate(object x, CaseNode n)
    {
        int? axis = n.Has("axis") ? n.Get("axis", 0) : null;
        bool keep = n.Get("keepdims", false);
        int split = n.Get("split", 4);
        string op = n.Op;
        return x switch
        {
            DArray<double> d => op switch { "sum" => d.Sum(axis, keep, split), "prod" => d.Prod(axis, keep, split), "cumsum" => d.CumSum(axis ?? 0), _ => d.CumProd(axis ?? 0) },
            DArray<float> d => op switch { "sum" => d.Sum(axis, keep, split), "prod" => d.Prod(axis, keep, split), "cumsum" => d.CumSum(axis ?? 0), _ => d.CumProd(axis ?? 0) },
            DArray<long> d => op switch { "sum" => d.Sum(axis, keep, split), "prod" => d.Prod(axis, keep, split), "cumsum" => d.CumSum(axis ?? 0), _ => d.CumProd(axis ?? 0) },
            DArray<int> d => op switch { "sum" => d.Sum(axis, keep, split), "prod" => d.Prod(axis, keep, split), "cumsum" => d.CumSum(axis ?? 0), _ => d.CumProd(axis ?? 0) },
            DArray<byte> d => op switch { "sum" => d.Sum(axis, keep, split), "prod" => d.Prod(axis, keep, split), "cumsum" => d.CumSum(axis ?? 0), _ => d.CumProd(axis ?? 0) },
            DArray<bool> d => op switch { "sum" => d.Sum(axis, keep, split), "prod" => d.Prod(axis, keep, split), "cumsum" => d.CumSum(axis ?? 0), _ => d.CumProd(axis ?? 0) },
            _ => throw new NotSupportedException(op),
        };
    }

    private static object NanReduce(object x, CaseNode n)
    {
        int? axis = n.Has("axis") ? n.Get("axis", 0) : null;
        bool keep = n.Get("keepdims", false);
        return x switch
        {
            DArray<double> d => n.Op switch { "nansum" => d.NanSum(axis, keep), "nanmean" => d.NanMean(axis, keep), "nanmin" => d.NanMin(axis, keep), _ => d.NanMax(axis, keep) },
            DArray<float> d => n.Op switch { "nansum" => d.NanSum(axis, keep), "nanmean" => d.NanMean(axis, keep), "nanmin" => d.NanMin(axis, keep), _ => d.NanMax(axis, keep) },
            _ => throw new NotSupportedException(n.Op),
        };
    }

    private static object[] ToElements(object? value) => value switch
    {
        System.Text.Json.JsonElement e => [.. e.EnumerateArray().Cast<object>()],
        IEnumerable<Dictionary<string, object?>> list => [.. list.Select(d => (object)System.Text.Json.JsonSerializer.SerializeToElement(d))],
        _ => throw new ArgumentException("slice index"),
    };

    /// <summary>Calls <see cref="IOne.Run"/> with the array's element type.</summary>
    internal static object One(IOne op, object x) => x switch
    {
        DArray<double> d => op.Run(d),
        DArray<float> d => op.Run(d),
        DArray<long> d => op.Run(d),
        DArray<int> d => op.Run(d),
        DArray<byte> d => op.Run(d),
        DArray<ulong> d => op.Run(d),
        DArray<bool> d => op.Run(d),
        _ => throw new NotSupportedException(x.GetType().Name),
    };

    internal static object Same(ITwo op, object x, object y) => x switch
    {
        DArray<double> d => op.Run(d, (DArray<double>)y),
        DArray<float> d => op.Run(d, (DArray<float>)y),
        DArray<long> d => op.Run(d, (DArray<long>)y),
        DArray<int> d => op.Run(d, (DArray<int>)y),
        DArray<byte> d => op.Run(d, (DArray<byte>)y),
        DArray<bool> d => op.Run(d, (DArray<bool>)y),
        _ => throw new NotSupportedException(x.GetType().Name),
    };

    internal interface IOne
    {
        object Run<T>(DArray<T> x)
            where T : unmanaged;
    }

    internal interface ITwo
    {
        object Run<T>(DArray<T> x, DArray<T> y)
            where T : unmanaged;
    }

    private static T Scalar<T>(object? value)
        where T : unmanaged
    {
        var text = value is System.Text.Json.JsonElement e ? e.ToString() : Convert.ToString(value, CultureInfo.InvariantCulture)!;
        if (typeof(T) == typeof(bool))
        {
            return (T)(object)(text is "True" or "true" or "1");
        }

        var d = double.Parse(text, CultureInfo.InvariantCulture);
        return typeof(T) == typeof(double) ? (T)(object)d
            : typeof(T) == typeof(float) ? (T)(object)(float)d
            : typeof(T) == typeof(long) ? (T)(object)(long)d
            : typeof(T) == typeof(int) ? (T)(object)(int)d
            : (T)(object)(byte)d;
    }

    private sealed class AsTypeOp(string dtype) : IOne
    {
        public object Run<T>(DArray<T> x)
            where T : unmanaged => dtype switch
            {
                "float64" => x.AsType<double>(),
                "float32" => x.AsType<float>(),
                "int64" => x.AsType<long>(),
                "int32" => x.AsType<int>(),
                "uint8" => x.AsType<byte>(),
                _ => x.AsType<bool>(),
            };
    }

    private sealed class BinaryOp(string op) : ITwo
    {
        public object Run<T>(DArray<T> x, DArray<T> y)
            where T : unmanaged => op switch
            {
                "add" => x + y,
                "sub" => x - y,
                "mul" => x * y,
                "truediv" => TrueDivide(x, y),
                "minimum" => DArray.Minimum(x, y),
                "maximum" => DArray.Maximum(x, y),
                "power" => DArray.Power(x, y),
                "mod" => DArray.Mod(x, y),
                "floordiv" => DArray.FloorDivide(x, y),
                "equal" => x.Equal(y),
                "not_equal" => x.NotEqual(y),
                "less" => x < y,
                "less_equal" => x <= y,
                "greater" => x > y,
                _ => x >= y,
            };
    }

    // The / operator is defined per dtype (float dtypes keep theirs, integers give float64), so generic code picks it here.
    private static object TrueDivide<T>(DArray<T> x, DArray<T> y)
        where T : unmanaged => (x, y) switch
        {
            (DArray<double> a, DArray<double> b) => a / b,
            (DArray<float> a, DArray<float> b) => a / b,
            _ => DArray.TrueDivide(x, y),
        };

    private sealed class WhereOp(DArray<bool> condition) : ITwo
    {
        public object Run<T>(DArray<T> x, DArray<T> y)
            where T : unmanaged => DArray.Where(condition, x, y);
    }

    private sealed class UnaryOp(CaseNode n) : IOne
    {
        public object Run<T>(DArray<T> x)
            where T : unmanaged
        {
            int? axis = n.Has("axis") ? n.Get("axis", 0) : null;
            bool keep = n.Get("keepdims", false);
            int split = n.Get("split", 4);
            T V(string key = "value") => Scalar<T>(n.Params[key]);
            return n.Op switch
            {
                "add_s" => x + V(),
                "sub_s" => x - V(),
                "mul_s" => x * V(),
                "rsub_s" => V() - x,
                "neg" => -x,
                "abs" => DArray.Abs(x),
                "sign" => DArray.Sign(x),
                "round" => DArray.Round(x, n.Get("decimals", 0)),
                "isnan" => DArray.IsNaN(x),
                "isfinite" => DArray.IsFinite(x),
                "minimum_s" => DArray.Minimum(x, V()),
                "maximum_s" => DArray.Maximum(x, V()),
                "power_s" => DArray.Power(x, V()),
                "mod_s" => DArray.Mod(x, V()),
                "floordiv_s" => DArray.FloorDivide(x, V()),
                "equal_s" => x.Equal(V()),
                "not_equal_s" => x.NotEqual(V()),
                "less_s" => x < V(),
                "less_equal_s" => x <= V(),
                "greater_s" => x > V(),
                "greater_equal_s" => x >= V(),
                "clip" => DArray.Clip(x, n.Has("min") ? V("min") : null, n.Has("max") ? V("max") : null),
                "slice" => x[[.. Slices(n).Select(s => s.Drop ? SliceSpec.At(s.At) : SliceSpec.Range(s.Start, s.Stop, s.Step))]],
                "min" => x.Min(axis, keep, split),
                "max" => x.Max(axis, keep, split),
                "mean" => x.Mean(axis, keep),
                "var" => x.Var(axis, n.Get("ddof", 0), keep, split),
                "std" => x.Std(axis, n.Get("ddof", 0), keep, split),
                "argmin" => x.ArgMin(axis, keep, split),
                "argmax" => x.ArgMax(axis, keep, split),
                "any" => x.Any(axis, keep),
                "all" => x.All(axis, keep),
                "count_nonzero" => x.CountNonZero(axis, keep),
                _ => throw new NotSupportedException(n.Op),
            };
        }
    }
}
