namespace Tessera.Distributed.Hosting;

/// <summary>Short readable type names for reprs and messages: <c>NDArray&lt;Int64&gt;</c>, not the CLR's backtick form.</summary>
internal static class TypeNames
{
    public static string Short(Type t)
    {
        if (t.IsArray)
        {
            return Short(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
        }

        if (!t.IsGenericType)
        {
            return t.Name;
        }

        string name = t.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick > 0 ? name[..tick] : name) + "<" + string.Join(", ", t.GetGenericArguments().Select(Short)) + ">";
    }
}
