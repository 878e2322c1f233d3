namespace Tessera.Graphs;

/// <summary>
/// An object that can describe its own content for <see cref="Tokenizer"/>, so that equal contents give
/// equal task keys (for example an array chunk hashing its data). Objects that do not implement this and
/// are not of a known primitive kind are tokenized by reference identity (a random token per instance).
/// </summary>
public interface ITokenizable
{
    /// <summary>Returns a deterministic string that identifies this object's content.</summary>
    string GetToken();
}
