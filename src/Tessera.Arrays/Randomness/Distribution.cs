namespace Tessera.Arrays.Randomness;

/// <summary>The distributions a random array can draw from.</summary>
internal enum Distribution
{
    Uniform,
    Normal,
    Exponential,
    Integers,
    Poisson,
    Binomial,
}
