namespace Tessera;

/// <summary>Text representation.</summary>
public sealed partial class NDArray<T>
{
    /// <summary>
    /// NumPy-like text: <c>[[1, 2],\n [3, 4]]</c>; 1-D arrays over 1000 elements print as
    /// <c>[45, 45, 45, ..., 45, 45, 45]</c>; bools as True/False; floats in shortest round-trip form ("1.", "2.5").
    /// A disposed array prints a placeholder naming its dtype and shape.
    /// </summary>
    public override string ToString() => IsDisposed
        ? $"<disposed {DType} array of shape {Shapes.Format(_shape)}>"
        : ArrayFormatter.Format(this);
}
