#:project ../src/Tessera.Arrays/Tessera.Arrays.csproj
#:project ../src/Tessera.Distributed/Tessera.Distributed.csproj
#:project ../src/Tessera.Jobqueue/Tessera.Jobqueue.csproj
#:property ServerGarbageCollection=false
#:property ConcurrentGarbageCollection=false
#:property TieredCompilationQuickJit=false
// The reference job of the training notebook on SLURM, cell by cell: the SLURMCluster cell (four
// jobs of 2 cores and 16 GB on cpu19_rh8, workers advertising ib0), a client, then ten facets of
// 16384 x 16384 int64 stacked, rechunked to 4096 x 4096 blocks and summed; row 0 comes back.
// Run with: dotnet run samples/facets-slurm.cs
// Here (SLURM of .ci/slurm/start.sh, two 4-CPU nodes on 127.0.0.1), override what this machine lacks:
//   dotnet run samples/facets-slurm.cs -- --interface lo --memory 2GB --jobs 2 --size 1024 --facets 4 --chunk 256
using System.Diagnostics;
using Tessera;
using Tessera.Arrays;
using Tessera.Distributed;
using Tessera.Jobqueue;

string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var inv = System.Globalization.CultureInfo.InvariantCulture;

var options = new SlurmClusterOptions
{
    NWorkers = int.Parse(Arg("--jobs", "4"), inv),
    Cores = 2,
    Memory = Arg("--memory", "16GB"),
    Processes = 1,
    LocalDirectory = "$TMPDIR",
    Account = Arg("--account", "formation_isae"),
    Queue = Arg("--queue", "cpu19_rh8"),
    Walltime = Arg("--walltime", "01:00:00"),
    Interface = Arg("--interface", "ib0"),
    LogDirectory = Arg("--log-directory", "../tessera-logs"),
    JobExtraDirectives = [Arg("--job-extra-directive", "--qos=cpu_2019_40")],
};
await using var cluster = new SlurmCluster(options);
Console.WriteLine(cluster.JobScript());
await using var client = await Client.ConnectAsync(cluster);
Console.WriteLine(cluster);
Console.WriteLine(client);

var size = long.Parse(Arg("--size", "16384"), inv);
var facets = int.Parse(Arg("--facets", "10"), inv);
var chunk = long.Parse(Arg("--chunk", "4096"), inv);

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
