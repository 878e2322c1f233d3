namespace Tessera.Arrays.Kernels;

/// <summary>The one-input elementwise functions whose result has the input's dtype (NumPy ufuncs).</summary>
internal enum UnaryFunc
{
    Abs,
    Sign,
    Sqrt,
    Exp,
    Log,
    Log1p,
    Sin,
    Cos,
    Tan,
    Tanh,
    Floor,
    Ceil,
    Round,
}
