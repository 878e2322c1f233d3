"""NPY-stack and HDF5 read/write, Tessera against Dask, same array, same blocks, same thread count.

An N x N float64 array in blocks of N/8 rows (uncompressed). The read inputs are written once by Dask
(to_npy_stack, to_hdf5) and read by both engines (sum); the writes write 1.5 everywhere to a fresh place.
Each engine run is a fresh process; median of --repeat runs. Run through bench/compare/storage.sh.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESSERA = [os.path.join(HERE, "..", "Tessera.Bench", "bin", "Release", "net10.0", "Tessera.Bench"), "storage"]
WORKLOADS = ["npy-stack-read", "hdf5-read", "npy-stack-write", "hdf5-write"]


def dask_side(workload, n, threads, inp, out):
    import dask
    dask.config.set(scheduler="threads", num_workers=threads)
    # Twice in one process, as the Tessera side: the first run is reported as cold, the second is timed.
    start = time.perf_counter()
    dask_once(workload, n, inp, os.path.join(out, "cold"))
    cold = time.perf_counter() - start
    start = time.perf_counter()
    dask_once(workload, n, inp, out)
    print(json.dumps({"engine": "dask-threaded", "workload": workload, "size": n, "seconds": time.perf_counter() - start, "cold_seconds": cold}))


def dask_once(workload, n, inp, out):
    import dask.array as da
    import h5py
    rows = max(1, n // 8)
    os.makedirs(out, exist_ok=True)
    if workload == "npy-stack-read":
        total = da.from_npy_stack(os.path.join(inp, "stack")).sum().compute()
        assert total == 1.5 * n * n
    elif workload == "hdf5-read":
        with h5py.File(os.path.join(inp, "x.h5"), "r") as f:
            total = da.from_array(f["x"], chunks=(rows, n)).sum().compute()
        assert total == 1.5 * n * n
    elif workload == "npy-stack-write":
        da.to_npy_stack(os.path.join(out, "stack"), da.ones((n, n), chunks=(rows, n)) * 1.5, axis=0)
    elif workload == "hdf5-write":
        da.to_hdf5(os.path.join(out, "x.h5"), "/x", da.ones((n, n), chunks=(rows, n)) * 1.5)
    else:
        raise ValueError(workload)


def prepare(n, inp):
    import dask.array as da
    rows = max(1, n // 8)
    x = da.ones((n, n), chunks=(rows, n)) * 1.5
    da.to_npy_stack(os.path.join(inp, "stack"), x, axis=0)
    da.to_hdf5(os.path.join(inp, "x.h5"), "/x", x, chunks=(rows, n))


def run(cmd):
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["seconds"], result["cold_seconds"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, default=4096, help="N of the N x N float64 array (4096: 128 MiB; 16384: 2 GiB)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--dir", default="", help="where to put the files (default: a temporary directory)")
    p.add_argument("--side", default="", help=argparse.SUPPRESS)
    p.add_argument("--workload", default="", help=argparse.SUPPRESS)
    p.add_argument("--input", default="", help=argparse.SUPPRESS)
    p.add_argument("--output", default="", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.side == "dask":
        dask_side(a.workload, a.size, a.threads, a.input, a.output)
        return
    root = a.dir or tempfile.mkdtemp(prefix="tessera-storage-bench-")
    inp = os.path.join(root, "input")
    os.makedirs(inp, exist_ok=True)
    prepare(a.size, inp)
    rows = []
    for workload in WORKLOADS:
        times = {"tessera": [], "dask": []}
        colds = {"tessera": [], "dask": []}
        for _ in range(a.repeat):
            for engine in ("tessera", "dask"):
                out = os.path.join(root, "out-" + engine)
                shutil.rmtree(out, ignore_errors=True)
                os.makedirs(out)
                common = ["--size", str(a.size), "--threads", str(a.threads), "--input", inp, "--output", out]
                cmd = (TESSERA + [workload] + common) if engine == "tessera" else \
                    [sys.executable, os.path.abspath(__file__), "--side", "dask", "--workload", workload] + common
                warm, cold = run(cmd)
                times[engine].append(warm)
                colds[engine].append(cold)
        t, d = statistics.median(times["tessera"]), statistics.median(times["dask"])
        tc, dc = statistics.median(colds["tessera"]), statistics.median(colds["dask"])
        gib = a.size * a.size * 8 / 2**30
        rows.append((workload, t, d, tc, dc))
        print(json.dumps({"workload": workload, "size": a.size, "tessera": times["tessera"], "dask": times["dask"],
                          "tessera_cold": colds["tessera"], "dask_cold": colds["dask"]}), file=sys.stderr)
    print(f"{'workload':<17}{'size':>7}{'tessera s':>11}{'dask s':>9}{'dask/tes':>10}{'tes GiB/s':>11}{'tes cold':>10}{'dask cold':>10}")
    for workload, t, d, tc, dc in rows:
        print(f"{workload:<17}{a.size:>7}{t:>11.3f}{d:>9.3f}{d / t:>10.2f}{gib / t:>11.2f}{tc:>10.3f}{dc:>10.3f}")
    if not a.dir:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
