using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Tessera.Arrays.Tests.Conformance;

/// <summary>
/// A node of a conformance expression: an operation in NumPy's words, its arguments and its
/// parameters. The same tree is evaluated by <see cref="CaseEvaluator"/> (Tessera) and by
/// numpy_judge.py (NumPy); <see cref="ToCSharp"/> prints it as the C# a user would write.
/// </summary>
internal sealed class CaseNode
{
    [JsonPropertyName("op")]
    public required string Op { get; init; }

    [JsonPropertyName("args")]
    public CaseNode[] Args { get; init; } = [];

    [JsonPropertyName("params")]
    public Dictionary<string, object?> Params { get; init; } = [];

    public static CaseNode Input(int index) => new() { Op = "input", Params = { ["index"] = index } };

    public static CaseNode Of(string op, params CaseNode[] args) => new() { Op = op, Args = args };

    public CaseNode With(string key, object? value)
    {
        Params[key] = value;
        return this;
    }

    public T Get<T>(string key, T fallback)
    {
        if (!Params.TryGetValue(key, out var value) || value is null)
        {
            return fallback;
        }

        return (T)Convert.ChangeType(value is System.Text.Json.JsonElement e ? e.ToString() : value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    public bool Has(string key) => Params.TryGetValue(key, out var v) && v is not null;

    /// <summary>The C# that builds this expression from inputs named x0, x1, ….</summary>
    public string ToCSharp()
    {
        string A(int i) => Args[i].ToCSharp();
        string axis = Has("axis") ? Get("axis", 0).ToString(CultureInfo.InvariantCulture) : "null";
        string keep = Get("keepdims", false) ? "true" : "false";
        string value = Has("value") ? Convert.ToString(Params["value"], CultureInfo.InvariantCulture)! : "";
        return Op switch
        {
            "input" => $"x{Get("index", 0)}",
            "astype" => $"{A(0)}.AsType<{CaseEvaluator.ClrName(Get("dtype", ""))}>()",
            "add" => $"({A(0)} + {A(1)})",
            "sub" => $"({A(0)} - {A(1)})",
            "mul" => $"({A(0)} * {A(1)})",
            "truediv" => $"({A(0)} / {A(1)})",
            "add_s" => $"({A(0)} + {value})",
            "sub_s" => $"({A(0)} - {value})",
            "mul_s" => $"({A(0)} * {value})",
            "rsub_s" => $"({value} - {A(0)})",
            "neg" => $"(-{A(0)})",
            "abs" or "sign" or "isnan" or "isfinite" => $"DArray.{Pascal(Op)}({A(0)})",
            "round" => $"DArray.Round({A(0)}, {Get("decimals", 0)})",
            "logical_not" => $"(!{A(0)})",
            "minimum" or "maximum" or "power" or "mod" or "floordiv" or "logical_and" or "logical_or" or "logical_xor"
                => $"DArray.{Pascal(Op)}({A(0)}, {A(1)})",
            "minimum_s" or "maximum_s" or "power_s" or "mod_s" or "floordiv_s" => $"DArray.{Pascal(Op[..^2])}({A(0)}, {value})",
            "equal" or "not_equal" or "less" or "less_equal" or "greater" or "greater_equal" => $"{A(0)}.{Pascal(Op)}({A(1)})",
            "equal_s" or "not_equal_s" or "less_s" or "less_equal_s" or "greater_s" or "greater_equal_s" => $"{A(0)}.{Pascal(Op[..^2])}({value})",
            "clip" => $"DArray.Clip({A(0)}, {Params.GetValueOrDefault("min") ?? "null"}, {Params.GetValueOrDefault("max") ?? "null"})",
            "where" => $"DArray.Where({A(0)}, {A(1)}, {A(2)})",
            "slice" => $"{A(0)}[{string.Join(", ", SliceText())}]",
            "var" or "std" => $"{A(0)}.{Pascal(Op)}({axis}, ddof: {Get("ddof", 0)}, keepDims: {keep}, splitEvery: {Get("split", 4)})",
            "argmin" or "argmax" or "sum" or "prod" or "min" or "max" => $"{A(0)}.{Pascal(Op)}({axis}, keepDims: {keep}, splitEvery: {Get("split", 4)})",
            "cumsum" or "cumprod" => $"{A(0)}.{Pascal(Op)}({axis})",
            _ => $"{A(0)}.{Pascal(Op)}({axis}, keepDims: {keep})",
        };
    }

    private IEnumerable<string> SliceText()
    {
        foreach (var s in CaseEvaluator.Slices(this))
        {
            yield return s.Drop ? $"SliceSpec.At({s.At})" : $"SliceSpec.Range({N(s.Start)}, {N(s.Stop)}, {s.Step})";
        }

        static string N(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "null";
    }

    private static string Pascal(string op)
    {
        var text = new StringBuilder();
        foreach (var part in op.Split('_'))
        {
            text.Append(char.ToUpperInvariant(part[0])).Append(part[1..]);
        }

        return text.ToString() switch
        {
            "Floordiv" => "FloorDivide",
            "Isnan" => "IsNaN",
            "Isfinite" => "IsFinite",
            "Argmin" => "ArgMin",
            "Argmax" => "ArgMax",
            "Cumsum" => "CumSum",
            "Cumprod" => "CumProd",
            "Nansum" => "NanSum",
            "Nanmean" => "NanMean",
            "Nanmin" => "NanMin",
            "Nanmax" => "NanMax",
            "CountNonzero" => "CountNonZero",
            var other => other,
        };
    }
}
