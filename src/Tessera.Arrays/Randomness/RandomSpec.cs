using System.Globalization;

namespace Tessera.Arrays.Randomness;

/// <summary>What a random array draws: the seed, the stream (one per call on a generator) and the distribution with its two parameters.</summary>
internal sealed record RandomSpec(ulong Seed, uint Stream, Distribution Kind, double A, double B)
{
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"seed={Seed};stream={Stream};{Kind}({A:R},{B:R})");
}
