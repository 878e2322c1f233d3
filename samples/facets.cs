#:project ../src/Tessera.Arrays/Tessera.Arrays.csproj
#:project ../src/Tessera.Distributed/Tessera.Distributed.csproj
#:property ServerGarbageCollection=false
#:property ConcurrentGarbageCollection=false
#:property TieredCompilationQuickJit=false
// The reference job from the training notebook, cell by cell: ten facets of a digital terrain
// model, each a 16384 x 16384 int64 image computed by a user function, stacked into a 20 GiB lazy
// array, rechunked to 4096 x 4096 blocks, summed over the facet axis; row 0 comes back.
// The work runs on a LocalCluster of worker processes (as the notebook's cluster of SLURM jobs).
// Run with: dotnet run samples/facets.cs   (sizes: dotnet run samples/facets.cs -- 4096 10 1024)
using System.Diagnostics;
using Tessera;
using Tessera.Arrays;
using Tessera.Distributed;

var size = args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2048 * 8;
var facets = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var chunk = args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4096;

await using var cluster = new LocalCluster();              // workers and threads from the core count, as Dask
await using var client = await Client.ConnectAsync(cluster);
Console.WriteLine(cluster);
Console.WriteLine(client);

NDArray<long> MyF(int i) => i * NDArray.Ones<long>(size, size);

var clock = Stopwatch.StartNew();
var lazy = Enumerable.Range(0, facets).Select(i => Delayed.Call(MyF, i)).ToList();
Console.WriteLine(lazy[0]);
var arrays = lazy.Select(d => DArray.FromDelayed(d, shape: [size, size])).ToList();
var stack = DArray.Stack(arrays, axis: 0);
Console.WriteLine(stack);
stack = stack.Rechunk([1, chunk, chunk]);
Console.WriteLine(stack);
var total = stack.Sum(axis: 0);
Console.WriteLine(total);
var result = await client.ProgressAsync(total[0, ..].ComputeAsync());
Console.WriteLine(result);
Console.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:F2} s");
