using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tessera.IO.Zarr;

/// <summary>
/// The JSON options for Zarr metadata: an explicit resolver, because file-based apps (<c>dotnet run app.cs</c>) turn
/// reflection-based serialization off by default and the metadata must read and write there too.
/// </summary>
internal static class ZarrJson
{
    public static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
}
