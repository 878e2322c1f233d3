namespace Tessera.Distributed.Shipping;

/// <summary>How values of one runtime type are encoded.</summary>
internal enum ShapeKind
{
    /// <summary>A class encoded by all its instance fields, with reference identity.</summary>
    Object,

    /// <summary>A struct encoded by all its instance fields.</summary>
    Struct,

    /// <summary>An array of blittable elements (any rank), encoded as raw bytes.</summary>
    RawArray,

    /// <summary>An array of other elements (any rank), encoded element by element.</summary>
    Array,

    /// <summary>A <see cref="List{T}"/>, rebuilt by its items.</summary>
    List,

    /// <summary>A <see cref="Dictionary{TKey, TValue}"/>, rebuilt by its entries (hash codes differ per process).</summary>
    Dictionary,

    /// <summary>A <see cref="HashSet{T}"/>, rebuilt by its items.</summary>
    HashSet,

    /// <summary>A Tessera <see cref="NDArray{T}"/>: shape plus raw contiguous bytes, or one value for a constant.</summary>
    NDArray,

    /// <summary>A delegate, encoded by method reference and target.</summary>
    Delegate,

    /// <summary>A type that needs a dedicated tag (handled before shapes are consulted) or cannot be built by fields.</summary>
    Special,
}
