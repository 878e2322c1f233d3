namespace Tessera.Distributed.Protocol;

/// <summary>The wire protocol's version; peers must match exactly.</summary>
internal static class ProtocolInfo
{
    /// <summary>Bumped on any incompatible change of tessera.proto or of the shipping codec.</summary>
    public const string Version = "tessera-1";

    public static string Mismatch(string side, string theirs) =>
        $"Protocol mismatch: this {side} speaks '{theirs}' but this process speaks '{Version}'. " +
        "Run the same Tessera version on the client, scheduler and workers.";
}
