"""The Dask side of the array-math workloads (issue 15); bench/Tessera.Bench/Compare/ArrayMathWorkloads.cs is Tessera's.

Random normals on an n x n float64 array in c x c chunks, then: .mean(); .std(axis=0); (x > 0).sum();
da.where(x > 0, x, 0).sum(). Returns a short description of the result, checked loosely.
"""
import math


def run_math(workload, n, chunk):
    import dask.array as da

    x = da.random.RandomState(42).normal(0, 1, size=(n, n), chunks=(chunk, chunk))
    if workload == "math-normal-mean":
        mean = float(x.mean().compute())
        assert abs(mean) < 10 / n, mean
        return [repr(mean)]
    if workload == "math-std-axis0":
        std = x.std(axis=0).compute()
        assert n < 64 or abs(std[0] - 1) < 0.5, std[0]
        return ["%d values, first %r" % (std.size, float(std[0]))]
    if workload == "math-count-positive":
        count = int((x > 0).sum().compute())
        assert abs(count - n * n / 2) < 10 * n, count
        return [str(count)]
    if workload == "math-where-sum":
        total = float(da.where(x > 0, x, 0).sum().compute())
        assert abs(total - n * n / math.sqrt(2 * math.pi)) < 10 * n, total
        return [repr(total)]
    raise SystemExit("unknown workload %r" % workload)
