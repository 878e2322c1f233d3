namespace Tessera.Shipping.Fixture;

/// <summary>Task functions defined in a user assembly.</summary>
public static class Functions
{
    /// <summary>A static method: doubles its argument.</summary>
    /// <param name="x">The value.</param>
    public static int Twice(int x) => x * 2;

    /// <summary>A closure over a local holding a user record: adds <paramref name="n"/>.</summary>
    /// <param name="n">The amount to add.</param>
    public static Func<int, int> MakeAdder(int n)
    {
        var offset = new Offset(n);
        return x => x + offset.Value;
    }
}
