using System.Globalization;
using System.Text;

namespace Tessera.Arrays.Tests.Conformance;

/// <summary>One generated case: its input blocks (values, dtype, chunking) and its expression.</summary>
internal sealed class ConformanceCase
{
    public required int Id { get; init; }

    public required int Seed { get; init; }

    public required List<CaseInput> Inputs { get; init; }

    public required CaseNode Expr { get; init; }

    /// <summary>The inputs as chunked arrays, in their declared chunks.</summary>
    public object[] Arrays() => [.. Inputs.Select(i => i.ToDArray())];

    /// <summary>A C# snippet that rebuilds and computes the case (inputs printed in full).</summary>
    public string Snippet()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"// conformance case {Id} (generator seed {Seed})");
        for (int i = 0; i < Inputs.Count; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"var x{i} = {Inputs[i].CSharp()};");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"var result = {Expr.ToCSharp()}.Compute();");
        return text.ToString();
    }
}

/// <summary>An input of a case: values, dtype and chunks.</summary>
internal sealed class CaseInput
{
    public required object Values { get; init; }

    public required long[][] Chunks { get; init; }

    public string DType => Values switch
    {
        NDArray<double> => "float64",
        NDArray<float> => "float32",
        NDArray<long> => "int64",
        NDArray<int> => "int32",
        NDArray<byte> => "uint8",
        _ => "bool",
    };

    public object ToDArray() => Values switch
    {
        NDArray<double> a => DArray.FromArray(a, ChunkSpec.PerAxis(Chunks)),
        NDArray<float> a => DArray.FromArray(a, ChunkSpec.PerAxis(Chunks)),
        NDArray<long> a => DArray.FromArray(a, ChunkSpec.PerAxis(Chunks)),
        NDArray<int> a => DArray.FromArray(a, ChunkSpec.PerAxis(Chunks)),
        NDArray<byte> a => DArray.FromArray(a, ChunkSpec.PerAxis(Chunks)),
        NDArray<bool> a => (object)DArray.FromArray(a, ChunkSpec.PerAxis(Chunks)),
        _ => throw new InvalidOperationException(),
    };

    public void Write(string path)
    {
        switch (Values)
        {
            case NDArray<double> a: Npy.Write(path, a); break;
            case NDArray<float> a: Npy.Write(path, a); break;
            case NDArray<long> a: Npy.Write(path, a); break;
            case NDArray<int> a: Npy.Write(path, a); break;
            case NDArray<byte> a: Npy.Write(path, a); break;
            case NDArray<bool> a: Npy.Write(path, a); break;
        }
    }

    public string CSharp()
    {
        string type = CaseEvaluator.ClrName(DType);
        var shape = Values switch
        {
            NDArray<double> a => a.Shape.ToArray(),
            NDArray<float> a => a.Shape.ToArray(),
            NDArray<long> a => a.Shape.ToArray(),
            NDArray<int> a => a.Shape.ToArray(),
            NDArray<byte> a => a.Shape.ToArray(),
            NDArray<bool> a => a.Shape.ToArray(),
            _ => [],
        };
        string values = Values switch
        {
            NDArray<double> a => Join(a, v => double.IsNaN(v) ? "double.NaN" : double.IsInfinity(v) ? (v > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity") : v.ToString("R", CultureInfo.InvariantCulture)),
            NDArray<float> a => Join(a, v => float.IsNaN(v) ? "float.NaN" : float.IsInfinity(v) ? (v > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity") : v.ToString("R", CultureInfo.InvariantCulture) + "f"),
            NDArray<long> a => Join(a, v => v.ToString(CultureInfo.InvariantCulture)),
            NDArray<int> a => Join(a, v => v.ToString(CultureInfo.InvariantCulture)),
            NDArray<byte> a => Join(a, v => v.ToString(CultureInfo.InvariantCulture)),
            NDArray<bool> a => Join(a, v => v ? "true" : "false"),
            _ => "",
        };
        string chunks = string.Join(", ", Chunks.Select(c => $"[{string.Join(", ", c)}]"));
        string nd = shape.Length == 0 ? $"NDArray.Scalar<{type}>({values})" : $"NDArray.Wrap(new {type}[] {{ {values} }}, {string.Join(", ", shape)})";
        return $"DArray.FromArray({nd}, ChunkSpec.PerAxis([{chunks}]))";
    }

    private static string Join<T>(NDArray<T> a, Func<T, string> format)
        where T : unmanaged
    {
        using var copy = a.Copy();
        return string.Join(", ", copy.AsSpan().ToArray().Select(format));
    }
}
