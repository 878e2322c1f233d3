using Tessera.Graphs;

namespace Tessera.Tests.Graphs;

public class TokenizerTests
{
    private sealed class Opaque;

    private sealed class Content(string token) : ITokenizable
    {
        public string GetToken() => token;
    }

    private static long Twice(long x) => 2 * x;

    private static long Thrice(long x) => 3 * x;

    [Fact]
    public void SameArgs_SameToken()
    {
        string a = Tokenizer.Tokenize(1, "x", 2.5, new[] { 1, 2, 3 }, new Key("k", 1), null);
        string b = Tokenizer.Tokenize(1, "x", 2.5, new[] { 1, 2, 3 }, new Key("k", 1), null);
        Assert.Equal(a, b);
        Assert.Equal(32, a.Length);
        Assert.Matches("^[0-9a-f]{32}$", a);
    }

    [Fact]
    public void DifferentArgs_DifferentTokens()
    {
        var tokens = new HashSet<string>
        {
            Tokenizer.Tokenize(1),
            Tokenizer.Tokenize(1L),
            Tokenizer.Tokenize("1"),
            Tokenizer.Tokenize(1.0),
            Tokenizer.Tokenize(new[] { 1 }),
            Tokenizer.Tokenize(new[] { 1, 2 }),
            Tokenizer.Tokenize(new[] { 12 }),
            Tokenizer.Tokenize("a", "bc"),
            Tokenizer.Tokenize("ab", "c"),
            Tokenizer.Tokenize(new Key("k", 1)),
            Tokenizer.Tokenize(new Key("k", 2)),
            Tokenizer.Tokenize(new Key("k")),
            Tokenizer.Tokenize((object?)null),
            Tokenizer.Tokenize(),
        };
        Assert.Equal(14, tokens.Count);
    }

    [Fact]
    public void OpaqueObjects_UseIdentity()
    {
        var a = new Opaque();
        Assert.Equal(Tokenizer.Tokenize(a), Tokenizer.Tokenize(a));
        Assert.NotEqual(Tokenizer.Tokenize(a), Tokenizer.Tokenize(new Opaque()));
    }

    [Fact]
    public void Tokenizable_UsesContent()
    {
        Assert.Equal(Tokenizer.Tokenize(new Content("abc")), Tokenizer.Tokenize(new Content("abc")));
        Assert.NotEqual(Tokenizer.Tokenize(new Content("abc")), Tokenizer.Tokenize(new Content("abd")));
    }

    [Fact]
    public void Functions_ByIdentity()
    {
        Assert.Equal(Tokenizer.TokenizeFunction((Func<long, long>)Twice), Tokenizer.TokenizeFunction((Func<long, long>)Twice));
        Assert.NotEqual(Tokenizer.TokenizeFunction((Func<long, long>)Twice), Tokenizer.TokenizeFunction((Func<long, long>)Thrice));
    }

    [Fact]
    public void Closures_WithTokenizableCaptures_AreDeterministic()
    {
        static Func<int, int> Adder(int n) => x => x + n;
        Assert.Equal(Tokenizer.TokenizeFunction(Adder(1)), Tokenizer.TokenizeFunction(Adder(1)));
        Assert.NotEqual(Tokenizer.TokenizeFunction(Adder(1)), Tokenizer.TokenizeFunction(Adder(2)));
    }

    [Fact]
    public void Closures_WithOpaqueCaptures_NeverCollide()
    {
        static Func<int, int> Capture(Opaque o) => x => o.GetHashCode() + x;
        Func<int, int> f = Capture(new Opaque());
        Assert.Equal(Tokenizer.TokenizeFunction(f), Tokenizer.TokenizeFunction(f));
        Assert.NotEqual(Tokenizer.TokenizeFunction(f), Tokenizer.TokenizeFunction(Capture(new Opaque())));
    }

    [Fact]
    public void Tokens_AreStableAcrossProcesses()
    {
        // A fixed canonical encoding: this value must never change, or persisted keys would break.
        Assert.Equal(Tokenizer.Tokenize(1, "a"), Tokenizer.Tokenize(1, "a"));
        Assert.Equal("cb2f4c28", Tokenizer.Tokenize(1, "a")[..8]);
    }
}
