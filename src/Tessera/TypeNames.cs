using System.Text;

namespace Tessera;

/// <summary>Formats types in C# generic notation with CLR names: <c>NDArray&lt;Int64&gt;</c>, <c>Int32[]</c>, <c>Int32?</c>.</summary>
public static class TypeNames
{
    /// <summary>The short readable name of <paramref name="t"/> for reprs and messages (not the CLR's backtick form).</summary>
    /// <param name="t">The type.</param>
    public static string Format(Type t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.IsArray)
        {
            return Format(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(t) is { } u)
        {
            return Format(u) + "?";
        }

        if (!t.IsGenericType)
        {
            return t.Name;
        }

        string n = t.Name;
        int tick = n.IndexOf('`', StringComparison.Ordinal);
        var sb = new StringBuilder(tick >= 0 ? n[..tick] : n).Append('<');
        sb.AppendJoin(", ", t.GetGenericArguments().Select(Format));
        return sb.Append('>').ToString();
    }
}
