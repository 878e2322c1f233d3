"""Dask side of the side-by-side benchmarks. One workload per process; prints one JSON line.

Run with Debian's Dask: /usr/bin/python3 bench/compare/dask_workloads.py <workload> [--size N] [--threads T]
"""
import argparse
import json
import time


def facets(size, chunk, nfacets, full):
    import dask
    import dask.array as da
    import numpy as np

    def my_f(i):
        return i * np.ones((size, size), dtype=np.int64)

    lazy = [dask.delayed(my_f)(i) for i in range(nfacets)]
    arrays = [da.from_delayed(d, shape=(size, size), dtype=np.int64) for d in lazy]
    stack = da.stack(arrays, axis=0).rechunk((1, chunk, chunk))
    total = stack.sum(axis=0)
    result = total.compute() if full else total[0, :].compute()
    expected = nfacets * (nfacets - 1) // 2
    assert int(result.ravel()[0]) == expected and int(result.ravel()[-1]) == expected
    return result.shape


def ones_sum(n, chunk):
    import dask.array as da
    value = da.ones((n, n), chunks=chunk).sum().compute()
    assert value == n * n
    return (len(range(0, n, chunk)) ** 2,)


def graph_build(nblocks):
    import dask.array as da
    x = da.ones((nblocks * 10, nblocks * 10), chunks=10)
    y = ((x + 1) * 2 - x).sum(axis=0)
    graph = y.__dask_graph__()
    optimized = y.__dask_optimize__(graph, y.__dask_keys__())
    return (len(dict(optimized)),)


def tiny_tasks(n):
    import dask

    def inc(i):
        return i + 1

    def total(xs):
        return sum(xs)

    parts = [dask.delayed(inc)(i) for i in range(n)]
    value = dask.delayed(total)(parts).compute()
    assert value == n * (n + 1) // 2
    return (n,)


def transfer(size_mib, rounds):
    """Worker-to-worker transfer of an int64 array of size_mib MiB on LocalCluster(2 workers, 1 thread each).

    Times a trivial task on worker B whose argument lives on worker A, minus the same task on an argument
    already on B (so scheduling overhead cancels out); median of `rounds` after one warm-up."""
    import numpy as np
    from distributed import Client, LocalCluster, wait

    def make(n, seed):
        return np.full(n, seed, dtype=np.int64)

    def last(x):
        return int(x[-1])

    n = (size_mib << 20) // 8
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        a, b = sorted(client.scheduler_info()["workers"])
        times = []
        for r in range(rounds + 1):
            remote = client.submit(make, n, r, workers=[a], pure=False)
            local = client.submit(make, n, r, workers=[b], pure=False)
            wait([remote, local])
            t0 = time.perf_counter()
            assert client.submit(last, local, workers=[b], pure=False).result() == r
            t1 = time.perf_counter()
            assert client.submit(last, remote, workers=[b], pure=False).result() == r
            t2 = time.perf_counter()
            if r > 0:
                times.append(max((t2 - t1) - (t1 - t0), 1e-9))
            del remote, local
        times.sort()
        seconds = times[len(times) // 2]
        return seconds, {"gbps": round((size_mib << 20) / seconds / 1e9, 3), "rounds": rounds}


class TreeMemory:
    """Peak summed RSS of this process and all its descendants (Dask's worker processes), sampled every 20 ms."""

    def __init__(self):
        import os
        import threading
        self.peak = 0
        self._stop = threading.Event()
        self._root = os.getpid()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _tree_rss(self):
        import os
        children = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat") as f:
                    stat = f.read()
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                children.setdefault(ppid, []).append(int(name))
            except OSError:
                pass
        total, stack = 0, [self._root]
        while stack:
            pid = stack.pop()
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1]) * 1024
            except OSError:
                pass
            stack.extend(children.get(pid, []))
        return total

    def _loop(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._tree_rss())

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self.peak / 1024 / 1024


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload")
    p.add_argument("--size", type=int, default=4096)
    p.add_argument("--facets", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--scheduler", default="threads", choices=["threads", "sync"])
    p.add_argument("--cluster", action="store_true", help="distributed.LocalCluster(2 workers x 1 thread); start-up not timed")
    p.add_argument("--warm", action="store_true", help="facets: run the job once untimed first (workers warm), time the second run")
    p.add_argument("--memory-limit", default="auto", help="per worker with --cluster, e.g. 6GiB (default: machine memory / workers)")
    p.add_argument("--array-size", type=int, default=16384, help="math-* workloads: n of the n x n float64 array")
    p.add_argument("--array-chunk", type=int, default=1024, help="math-* workloads: chunk edge")
    a = p.parse_args()

    if a.workload == "transfer":
        seconds, info = transfer(a.size, a.rounds)
        print(json.dumps({"engine": "dask-distributed", "workload": "transfer", "size": a.size,
                          "seconds": seconds, "info": info}))
        return

    import dask
    engine = f"dask-{a.scheduler}"
    if a.cluster:
        from distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                               memory_limit=a.memory_limit)
        client = Client(cluster)  # noqa: F841  (the default scheduler while it lives)
        engine = "dask-distributed"
    else:
        dask.config.set(scheduler=a.scheduler, num_workers=a.threads)
    import dask.array  # noqa: F401  (imports are not part of any timing)
    import numpy  # noqa: F401
    short = {"graph-build": lambda: graph_build(100), "ones-sum": lambda: ones_sum(20000, 200),
             "tiny-tasks": lambda: tiny_tasks(10000)}
    if a.workload in short:
        # warm: median of 5 runs after one warm-up, as the Tessera side does (JIT warm-up excluded)
        short[a.workload]()
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            info = short[a.workload]()
            times.append(time.perf_counter() - t0)
        times.sort()
        print(json.dumps({"engine": engine, "workload": a.workload, "size": a.size,
                          "seconds": times[2], "info": list(info)}))
        return
    if a.warm and a.workload.startswith("facets"):
        facets(a.size, a.size // 4, a.facets, full=a.workload == "facets-sum")
    memory = TreeMemory()
    start = time.perf_counter()
    if a.workload == "facets-row0":
        info = facets(a.size, a.size // 4, a.facets, full=False)
    elif a.workload == "facets-sum":
        info = facets(a.size, a.size // 4, a.facets, full=True)
    elif a.workload == "ones-sum":
        info = ones_sum(20000, 200)
    elif a.workload == "graph-build":
        info = graph_build(100)
    elif a.workload == "tiny-tasks":
        info = tiny_tasks(10000)
    elif a.workload.startswith("math-"):
        from dask_array_math import run_math
        info = run_math(a.workload, a.array_size, a.array_chunk)
    else:
        raise SystemExit(f"unknown workload {a.workload!r}")
    seconds = time.perf_counter() - start
    print(json.dumps({"engine": engine, "workload": a.workload, "size": a.size,
                      "seconds": seconds, "info": list(info), "peak_tree_mib": memory.stop()}))


if __name__ == "__main__":
    main()
