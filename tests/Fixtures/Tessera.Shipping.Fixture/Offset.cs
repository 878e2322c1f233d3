namespace Tessera.Shipping.Fixture;

/// <summary>A user record captured by shipped closures.</summary>
/// <param name="Value">The amount to add.</param>
public sealed record Offset(int Value);
