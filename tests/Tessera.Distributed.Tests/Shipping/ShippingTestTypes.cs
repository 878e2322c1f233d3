namespace Tessera.Distributed.Tests.Shipping;

// Small user types for the shipping tests, kept together because each is a few lines.
public enum Colour : long
{
    Red = 1,
    Blue = 1L << 40,
}

public interface IShape
{
    double Area { get; }
}

public sealed record Point(double X, double Y, List<string> Tags);

public record Square(double Side) : IShape
{
    public double Area => Side * Side;
}

public sealed record LabelledSquare(double Side, string Label) : Square(Side);

public class Animal(string name)
{
    private readonly string _name = name;

    public string Name => _name;
}

public sealed class Dog(string name, int legs) : Animal(name)
{
    private readonly int _legs = legs;

    public object? Toy { get; set; }

    public IShape? Shape { get; set; }

    public int Legs => _legs;
}

public record struct Reading(int? Maybe, DateTime When, decimal Amount, (int, string) Pair);

public sealed class Node
{
    public string Name { get; set; } = "";

    public Node? Next { get; set; }

    public object? Payload { get; set; }
}

public sealed class Scaler(int factor)
{
    private readonly int _factor = factor;
    private int _offset = 1;

    public int Apply(int x) => (x * _factor) + _offset;

    public Func<int, int> MakeClosure()
    {
        _offset = 2;
        return x => (x * _factor) + _offset;
    }
}

public sealed class HoldsStream(Stream stream)
{
    private readonly Stream _stream = stream;

    // Captures a local as well as this, so the closure is a display class with a 'this' field.
    public Func<int, long> Make(int k) => x => x + k + _stream.Length;
}
