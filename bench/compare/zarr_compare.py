"""Zarr write/read benchmarks, Tessera vs Dask 2022.12 + zarr 2.13, with dd's sequential bandwidth of the same disk
measured in the same run. Called by run.py --zarr; prints a table of seconds, GB/s and the ratios.
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def dd(directory, gib):
    """Sequential write (with fdatasync, then without) and read of gib GiB in 64 MiB blocks, GB/s."""
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "dd.bin")
    count = max(1, int(gib * 16))
    result = {}
    for name, extra in (("write_fdatasync", ["conv=fdatasync"]), ("write", [])):
        t0 = time.perf_counter()
        subprocess.run(["dd", "if=/dev/zero", f"of={path}", "bs=64M", f"count={count}", *extra], check=True, capture_output=True)
        result[name] = count * 64 * 2**20 / (time.perf_counter() - t0) / 1e9
    t0 = time.perf_counter()
    subprocess.run(["dd", f"if={path}", "of=/dev/null", "bs=64M"], check=True, capture_output=True)
    result["read"] = count * 64 * 2**20 / (time.perf_counter() - t0) / 1e9
    os.remove(path)
    return result


def run(tessera_cmd, dask_cmd, args, run_once):
    """tessera_cmd/dask_cmd: argv prefixes; args: run.py's parsed arguments; run_once: run.py's runner."""
    directory = args.zarr_dir
    common = ["--dir", directory, "--gib", str(args.zarr_gib), "--threads", str(args.threads), "--size", str(args.zarr_size)]
    if args.cluster:
        common += ["--cluster"]
    disk = dd(directory, args.zarr_gib)
    print(f"dd on {directory}: write {disk['write_fdatasync']:.2f} GB/s (fdatasync), {disk['write']:.2f} GB/s (page cache), read {disk['read']:.2f} GB/s", file=sys.stderr)
    rows = []
    for workload, codec in (("zarr-write", "lz4"), ("zarr-read", "lz4"), ("zarr-write", "none"), ("zarr-read", "none"), ("zarr-facets", "lz4")):
        res = {}
        for engine, cmd in (("tessera", tessera_cmd), ("dask", dask_cmd)):
            res[engine] = run_once(cmd + [workload, "--codec", codec] + common)
        row = {"workload": workload, "codec": codec, "tessera": res["tessera"], "dask": res["dask"],
               "dask_over_tessera": res["dask"]["seconds"] / res["tessera"]["seconds"],
               "dd_gbps": disk["write" if workload == "zarr-write" else "read"]}
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    print(f"{'workload':<13}{'codec':>6}{'tessera s':>11}{'dask s':>9}{'tes GB/s':>10}{'dask GB/s':>10}{'dask/tes':>10}{'dd GB/s':>9}{'dd/tes':>8}")
    for r in rows:
        t, d = r["tessera"], r["dask"]
        print(f"{r['workload']:<13}{r['codec']:>6}{t['seconds']:>11.3f}{d['seconds']:>9.3f}{t['gbps']:>10.2f}{d['gbps']:>10.2f}"
              f"{r['dask_over_tessera']:>10.2f}{r['dd_gbps']:>9.2f}{r['dd_gbps'] / t['gbps']:>8.2f}")
