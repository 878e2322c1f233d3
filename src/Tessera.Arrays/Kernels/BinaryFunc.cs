namespace Tessera.Arrays.Kernels;

/// <summary>The two-input elementwise functions whose result has the inputs' dtype (NumPy ufuncs).</summary>
internal enum BinaryFunc
{
    Minimum,
    Maximum,
    Power,
    Mod,
    FloorDivide,
}
