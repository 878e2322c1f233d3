using BenchmarkDotNet.Running;
using Tessera.Bench.Compare;

// `compare <workload> …` runs one workload of the side-by-side harness (bench/compare/run.sh)
// and prints one JSON line; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "compare")
{
    return await CompareWorkloads.RunAsync(args[1..]);
}

// `storage <workload> …`: the NPY-stack and HDF5 workloads of bench/compare/storage.py.
if (args.Length > 0 && args[0] == "storage")
{
    return await StorageWorkloads.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
