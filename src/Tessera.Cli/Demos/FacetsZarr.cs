using System.Diagnostics;
using Tessera.Arrays;
using Tessera.IO.Zarr;

namespace Tessera.Cli.Demos;

/// <summary>The reference job from disk: the facets are a Zarr array written once, then every run reads them from it.</summary>
internal static class FacetsZarr
{
    public static async Task<DArray<long>> WriteOnceThenReadAsync(DArray<long> facets, string path, TextWriter output, CancellationToken cancellationToken)
    {
        ZarrArrayInfo? existing = null;
        try
        {
            existing = ZarrArrayInfo.Open(path);
        }
        catch (FileNotFoundException)
        {
            // Not written yet.
        }

        if (existing is null)
        {
            var clock = Stopwatch.StartNew();
            await facets.ToZarrAsync(path, new ZarrWriteOptions { DimensionNames = ["facet", "y", "x"] }, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"facets written to Zarr '{path}' in {clock.Elapsed.TotalSeconds:F2} s").ConfigureAwait(false);
        }
        else if (!existing.Shape.SequenceEqual(facets.Shape) || existing.ElementType != typeof(long))
        {
            throw new InvalidOperationException(
                $"'{path}' holds a {existing.DType} array of shape ({string.Join(", ", existing.Shape)}), not the facets' int64 ({string.Join(", ", facets.Shape)}); " +
                "give another --zarr directory or delete this one.");
        }

        var stored = DArray.FromZarr<long>(path);
        await output.WriteLineAsync($"reading the facets from {ZarrArrayInfo.Open(path)}").ConfigureAwait(false);
        await output.WriteLineAsync(stored.ToString()).ConfigureAwait(false);
        return stored;
    }
}
