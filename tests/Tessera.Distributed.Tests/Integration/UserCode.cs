namespace Tessera.Distributed.Tests.Integration;

/// <summary>User types and methods that tasks ship to workers.</summary>
public sealed record Point(double X, double Y)
{
    public double Norm() => Math.Sqrt((X * X) + (Y * Y));
}

public sealed class Holder(Thread thread)
{
    public Thread Thread { get; } = thread;
}

public sealed class Scaler(long factor)
{
    private readonly long _factor = factor;

    public long Apply(long x) => x * _factor;

    public Func<long, long> AsLambda() => x => x * _factor;
}

public static class UserFunctions
{
    public static int Inc(int x) => x + 1;

    public static long Add(long a, long b) => a + b;

    public static T Twice<T>(T x) where T : System.Numerics.INumber<T> => x + x;

    public static int Boom(int x) => x == 3 ? throw new InvalidOperationException($"boom at {x}") : x;

    public static NDArray<long> Facet(int i, long n) => i * NDArray.Ones<long>(n, n);
}
