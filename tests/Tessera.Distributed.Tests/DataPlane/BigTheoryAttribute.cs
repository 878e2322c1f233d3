namespace Tessera.Distributed.Tests.DataPlane;

/// <summary>A theory that is skipped unless TESSERA_BIG_TESTS=1 (tests that need many GiB of memory).</summary>
public sealed class BigTheoryAttribute : TheoryAttribute
{
    public BigTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("TESSERA_BIG_TESTS") != "1")
        {
            Skip = "set TESSERA_BIG_TESTS=1 to run";
        }
    }
}
