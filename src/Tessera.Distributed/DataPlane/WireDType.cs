namespace Tessera.Distributed.DataPlane;

/// <summary>Element type codes on the wire (stable numbers: never reorder).</summary>
internal enum WireDType : byte
{
    /// <summary>bool (1 byte).</summary>
    Bool = 1,

    /// <summary>sbyte.</summary>
    Int8 = 2,

    /// <summary>byte.</summary>
    UInt8 = 3,

    /// <summary>short.</summary>
    Int16 = 4,

    /// <summary>ushort.</summary>
    UInt16 = 5,

    /// <summary>int.</summary>
    Int32 = 6,

    /// <summary>uint.</summary>
    UInt32 = 7,

    /// <summary>long.</summary>
    Int64 = 8,

    /// <summary>ulong.</summary>
    UInt64 = 9,

    /// <summary>Half.</summary>
    Float16 = 10,

    /// <summary>float.</summary>
    Float32 = 11,

    /// <summary>double.</summary>
    Float64 = 12,
}
