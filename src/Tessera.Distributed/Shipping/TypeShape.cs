using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Tessera.Distributed.Shipping;

/// <summary>
/// Everything the codec needs to know about one runtime type, computed once: its kind, its instance fields in a
/// fixed order, why it cannot ship (if so), and typed helpers for the collections. Held in a
/// <see cref="ConditionalWeakTable{TKey, TValue}"/> so that types from a collectible context can still unload.
/// </summary>
internal sealed class TypeShape
{
    private static readonly ConditionalWeakTable<Type, TypeShape> Cache = [];

    private TypeShape(Type type)
    {
        Type = type;
        Refusal = ShippingPolicy.RefusalReason(type);
        Kind = Classify(type);
        if (type.IsConstructedGenericType)
        {
            GenericDefinition = type.GetGenericTypeDefinition();
            GenericArguments = type.GetGenericArguments();
        }

        Assembly assembly = type.Assembly;
        // Code a client shipped to this worker has no file here, but that client has it: values of its types go back.
        AssemblyHasFile = assembly.Location.Length > 0 || ShippingPolicy.IsShared(assembly) || ShippingPolicy.IsFramework(assembly)
            || System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly) is ClientLoadContext;
        if (Kind is ShapeKind.Object or ShapeKind.Struct)
        {
            Fields = CollectFields(type);
            foreach (FieldInfo f in Fields)
            {
                // A pointer field's value is a boxed System.Reflection.Pointer: refuse the type, naming the field.
                string? fieldRefusal = f.FieldType.IsPointer || f.FieldType.IsFunctionPointer ? ShippingPolicy.RefusalReason(f.FieldType) : null;
                if (fieldRefusal is not null && Refusal is null)
                {
                    Refusal = fieldRefusal;
                    RefusedField = f;
                }
            }
        }
        else if (Kind is ShapeKind.RawArray or ShapeKind.Array)
        {
            ElementType = type.GetElementType()!;
            if (Kind == ShapeKind.RawArray)
            {
                ElementSize = RuntimeHelpers.SizeOf(ElementType.TypeHandle);
            }
        }
        else if (Kind is ShapeKind.Dictionary or ShapeKind.HashSet or ShapeKind.List)
        {
            Type[] args = type.GetGenericArguments();
            Type definition = Kind switch
            {
                ShapeKind.Dictionary => typeof(DictionaryOps<,>),
                ShapeKind.HashSet => typeof(SetOps<>),
                _ => typeof(ListOps<>),
            };
            Type ops = definition.MakeGenericType(args);
            Collection = (ICollectionOps)Activator.CreateInstance(ops)!;
        }
        else if (Kind == ShapeKind.NDArray)
        {
            ElementType = type.GetGenericArguments()[0];
            NDArray = (INDArrayOps)Activator.CreateInstance(typeof(NDArrayOps<>).MakeGenericType(ElementType))!;
        }
    }

    /// <summary>The runtime type.</summary>
    public Type Type { get; }

    /// <summary>How values are encoded.</summary>
    public ShapeKind Kind { get; }

    /// <summary>Why the type cannot ship, or null.</summary>
    public string? Refusal { get; }

    /// <summary>The field whose type made the whole type unshippable, if any.</summary>
    public FieldInfo? RefusedField { get; }

    /// <summary>All instance fields, base classes first, each in metadata order (both ends load the same assembly).</summary>
    public FieldInfo[] Fields { get; } = [];

    /// <summary>Names of <see cref="Fields"/> as users wrote them (captured locals, <c>this</c>, property names).</summary>
    public string[] FieldNames => _fieldNames ??= Array.ConvertAll(Fields, static f => FriendlyName(f.Name));

    /// <summary>The element type of arrays and NDArrays.</summary>
    public Type? ElementType { get; }

    /// <summary>Bytes per element of a raw array.</summary>
    public int ElementSize { get; }

    /// <summary>Typed helpers for lists, dictionaries and sets.</summary>
    public ICollectionOps? Collection { get; }

    /// <summary>Typed helpers for NDArrays.</summary>
    public INDArrayOps? NDArray { get; }

    /// <summary>The generic definition of a constructed generic type (cached: the reflection calls allocate).</summary>
    public Type? GenericDefinition { get; }

    /// <summary>The generic arguments of a constructed generic type.</summary>
    public Type[] GenericArguments { get; } = Type.EmptyTypes;

    /// <summary>Whether the type's assembly is a file that can ship (or is shared/framework); false for in-memory ones.</summary>
    public bool AssemblyHasFile { get; }

    private string[]? _fieldNames;

    /// <summary>The shape of <paramref name="type"/>, computed on first use.</summary>
    public static TypeShape Of(Type type) =>
        Cache.TryGetValue(type, out var shape) ? shape : Cache.GetValue(type, static t => new TypeShape(t));

    /// <summary>Turns compiler-generated field names into the names users wrote.</summary>
    public static string FriendlyName(string name)
    {
        if (name == "<>4__this")
        {
            return "this";
        }

        // "<Name>k__BackingField", "<x>P" (primary constructor parameter), "<x>5__2" (hoisted local).
        if (name.StartsWith('<'))
        {
            int end = name.IndexOf('>', StringComparison.Ordinal);
            if (end > 1)
            {
                return name[1..end];
            }
        }

        return name;
    }

    /// <summary>Whether array elements of this type are plain bytes with no references.</summary>
    public static bool IsBlittable(Type t) =>
        (t.IsPrimitive && t != typeof(IntPtr) && t != typeof(UIntPtr)) || t.IsEnum || t == typeof(decimal) || t == typeof(Half)
        || t == typeof(Int128) || t == typeof(UInt128) || t == typeof(Guid) || t == typeof(TimeSpan) || t == typeof(Complex)
        || t == typeof(DateOnly) || t == typeof(TimeOnly);

    private static ShapeKind Classify(Type type)
    {
        if (type.IsArray)
        {
            return IsBlittable(type.GetElementType()!) ? ShapeKind.RawArray : ShapeKind.Array;
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return ShapeKind.Delegate;
        }

        if (type.IsConstructedGenericType)
        {
            Type def = type.GetGenericTypeDefinition();
            if (def == typeof(List<>))
            {
                return ShapeKind.List;
            }

            if (def == typeof(Dictionary<,>))
            {
                return ShapeKind.Dictionary;
            }

            if (def == typeof(HashSet<>))
            {
                return ShapeKind.HashSet;
            }

            if (def == typeof(NDArray<>))
            {
                return ShapeKind.NDArray;
            }
        }

        if (type == typeof(string) || type == typeof(TaskFunction) || type == typeof(Key) || type.IsPrimitive || type.IsEnum
            || type.IsAbstract || type.IsInterface || typeof(Type).IsAssignableFrom(type))
        {
            return ShapeKind.Special;
        }

        return type.IsValueType ? ShapeKind.Struct : ShapeKind.Object;
    }

    private static FieldInfo[] CollectFields(Type type)
    {
        var chain = new List<Type>();
        for (Type? t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            chain.Add(t);
        }

        var fields = new List<FieldInfo>();
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            FieldInfo[] own = chain[i].GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
            Array.Sort(own, static (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
            fields.AddRange(own);
        }

        return [.. fields];
    }
}
