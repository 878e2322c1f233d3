#:project ../src/Tessera.Arrays/Tessera.Arrays.csproj
#:property ServerGarbageCollection=false
#:property ConcurrentGarbageCollection=false
// The reference job from the training notebook, cell by cell: ten facets of a digital terrain
// model, each a 16384 x 16384 int64 image computed by a user function, stacked into a 20 GiB lazy
// array, rechunked to 4096 x 4096 blocks, summed over the facet axis; row 0 comes back.
// Run with: dotnet run samples/facets.cs   (sizes: dotnet run samples/facets.cs -- 4096 10 1024)
using System.Diagnostics;
using Tessera;
using Tessera.Arrays;

var size = args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2048 * 8;
var facets = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var chunk = args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4096;

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
var result = await total[0, ..].ComputeAsync();
Console.WriteLine(result);
Console.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:F2} s");
