#:project ../src/Tessera.IO/Tessera.IO.csproj
#:project ../src/Tessera.Distributed/Tessera.Distributed.csproj
#:property ServerGarbageCollection=false
#:property ConcurrentGarbageCollection=false
#:property TieredCompilationQuickJit=false
// The reference job from disk: in real life the facets are a terrain model stored on disk. The first
// run computes the ten facets and writes them to a Zarr array (Blosc LZ4, one chunk per block, written
// in parallel by the workers); every run then reads them lazily from it, one task per chunk file, and
// computes row 0 (only the chunk files of row 0 are opened) and the full sum over the facets.
// Python reads the same array: zarr.open("facets.zarr")[...]
// Run with: dotnet run samples/facets-zarr.cs   (sizes: dotnet run samples/facets-zarr.cs -- facets.zarr 4096 10 1024)
using System.Diagnostics;
using Tessera;
using Tessera.Arrays;
using Tessera.Distributed;
using Tessera.IO.Zarr;

var path = args.Length > 0 ? args[0] : "facets.zarr";
var size = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2048 * 8;
var facets = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
var chunk = args.Length > 3 ? long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 4096;

await using var cluster = new LocalCluster();
await using var client = await Client.ConnectAsync(cluster);
Console.WriteLine(cluster);
Console.WriteLine(client);

if (!File.Exists(Path.Combine(path, ".zarray")))
{
    NDArray<long> MyF(int i) => i * NDArray.Ones<long>(size, size);
    var arrays = Enumerable.Range(0, facets).Select(i => DArray.FromDelayed(Delayed.Call(MyF, i), shape: [size, size]));
    var clock = Stopwatch.StartNew();
    await DArray.Stack(arrays, axis: 0).Rechunk([1, chunk, chunk]).ToZarrAsync(path, new ZarrWriteOptions { DimensionNames = ["facet", "y", "x"] });
    Console.WriteLine($"facets written to {path} in {clock.Elapsed.TotalSeconds:F2} s");
}

var stack = DArray.FromZarr<long>(path);       // shape, dtype and chunks from .zarray; nothing read yet
Console.WriteLine(ZarrArrayInfo.Open(path));
Console.WriteLine(stack);
var total = stack.Sum(axis: 0);

var rowClock = Stopwatch.StartNew();
Console.WriteLine(await total[0, ..].ComputeAsync());
Console.WriteLine($"row 0 computed in {rowClock.Elapsed.TotalSeconds:F2} s");

var sumClock = Stopwatch.StartNew();
Console.WriteLine(await total.ComputeAsync());
Console.WriteLine($"full sum computed in {sumClock.Elapsed.TotalSeconds:F2} s");
