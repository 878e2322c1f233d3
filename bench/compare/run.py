"""Side-by-side benchmark: Tessera vs Dask vs a hand-written C# loop, each run in its own process.

Usage: /usr/bin/python3 bench/compare/run.py [--repeat 3] [--sizes 4096,8192] [--only facets-row0,...]
Builds bench/Tessera.Bench in Release first (bench/compare/run.sh does that). Prints medians of
wall time and peak RSS per engine, and the ratios measured in this same run.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TESSERA = ["dotnet", os.path.join(ROOT, "bench", "Tessera.Bench", "bin", "Release", "net10.0", "Tessera.Bench.dll"), "compare"]
DASK = ["/usr/bin/python3", os.path.join(HERE, "dask_workloads.py")]


def run_once(cmd, timeout=None):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    out, err = b"", b""
    timer = None
    if timeout:
        import signal
        import threading

        def kill():
            # the engine and every worker process it started (its own session)
            os.killpg(proc.pid, signal.SIGKILL)
        timer = threading.Timer(timeout, kill)
        timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    if timer:
        timer.cancel()
        if os.waitstatus_to_exitcode(status) == -9:
            return {"seconds": float("nan"), "timed_out": timeout, "peak_rss_mib": usage.ru_maxrss / 1024.0}
    out = proc.stdout.read()
    err = proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-3000:]}")
    line = [l for l in out.decode().splitlines() if l.startswith("{")][-1]
    result = json.loads(line)
    result["peak_rss_mib"] = usage.ru_maxrss / 1024.0
    return result


def measure(cmd, repeat, timeout=None):
    runs = [run_once(cmd, timeout) for _ in range(repeat)]
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_tree_mib": statistics.median(r.get("peak_tree_mib", 0) for r in runs),
        "all": [round(r["seconds"], 4) for r in runs],
        "peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in runs),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--sizes", default="4096,8192")
    p.add_argument("--only", default="")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--transfer-sizes", default="128,1024", help="MiB; worker-to-worker transfer workload")
    p.add_argument("--cluster", action="store_true", help="both engines on a local cluster of 2 worker processes x 1 thread")
    p.add_argument("--memory-limit", default="", help="per worker with --cluster, e.g. 6GiB (default: machine memory / workers)")
    p.add_argument("--warm", action="store_true", help="facets: both engines run the job once untimed, then time a second run (warm workers)")
    p.add_argument("--security", choices=["on", "off"], default="on", help="Tessera side: mutual TLS on every connection (default, as the clusters) or none")
    p.add_argument("--engines", default="tessera,dask,floor", help="which engines to run")
    p.add_argument("--dask-timeout", type=float, default=0, help="seconds; a Dask run past it is killed and reported as not finished")
    p.add_argument("--dask-repeat", type=int, default=0, help="runs of the Dask side (default: --repeat)")
    p.add_argument("--array-math", action="store_true", help="also the math-* workloads (random normals, mean, std, where) of issue 15")
    p.add_argument("--array-size", type=int, default=16384, help="math-* workloads: n of the n x n float64 array, in --array-chunk chunks")
    p.add_argument("--array-chunk", type=int, default=1024)
    p.add_argument("--zarr", action="store_true", help="only the Zarr benchmarks (zarr_compare.py): write/read of --zarr-gib GiB, facets at --zarr-size, dd")
    p.add_argument("--zarr-gib", type=float, default=4)
    p.add_argument("--zarr-size", type=int, default=8192)
    p.add_argument("--zarr-dir", default="/var/tmp/tessera-zarr-bench")
    a = p.parse_args()
    if a.zarr:
        import zarr_compare
        zarr_compare.run(TESSERA, ["/usr/bin/python3", os.path.join(HERE, "dask_zarr.py")], a, run_once)
        return
    workloads = []
    for size in [int(s) for s in a.sizes.split(",") if s]:
        workloads.append(("facets-row0", size))
        workloads.append(("facets-sum", size))
    workloads += [("ones-sum", 0), ("graph-build", 0), ("tiny-tasks", 0)]
    workloads += [("transfer", int(s)) for s in a.transfer_sizes.split(",") if s]
    if a.array_math:
        workloads += [(w, 0) for w in ("math-normal-mean", "math-std-axis0", "math-count-positive", "math-where-sum")]
    only = set(x for x in a.only.split(",") if x)
    rows = []
    for name, size in workloads:
        if only and name not in only:
            continue
        extra = (["--size", str(size)] if size else []) + (["--cluster"] if a.cluster and name != "transfer" else [])
        if name.startswith("math-"):
            extra += ["--array-size", str(a.array_size), "--array-chunk", str(a.array_chunk)]
        if a.cluster and a.memory_limit and name != "transfer":
            extra += ["--memory-limit", a.memory_limit]
        if a.warm and name.startswith("facets"):
            extra += ["--warm"]
        engines = {
            "tessera": TESSERA + [name, "--threads", str(a.threads), "--security", a.security] + extra,
            "dask": DASK + [name, "--threads", str(a.threads)] + extra,
        }
        if (name.startswith("facets") or name == "ones-sum") and not a.cluster:
            engines["floor"] = TESSERA + [name, "--floor"] + extra
        wanted = set(a.engines.split(","))
        engines = {k: v for k, v in engines.items() if k in wanted}
        if name == "transfer":
            # one process each; both sides repeat internally (median of rounds) and report GB/s
            res = {k: run_once(v) for k, v in engines.items()}
            t, d = res["tessera"], res["dask"]
            print(f"transfer {size} MiB: tessera socket {t['socket_gbps']} GB/s, shm {t['shm_gbps']} GB/s, process-memory {t['vm_gbps']} GB/s, "
                  f"raw socket {t['raw_gbps']} GB/s (tessera/raw {t['socket_over_raw']}), dask {d['info']['gbps']} GB/s, "
                  f"tessera/dask {d['seconds'] / t['seconds']:.2f}", file=sys.stderr)
            for r in res.values():
                r["all"] = [round(r["seconds"], 4)]
        else:
            res = {k: measure(v, (a.dask_repeat or a.repeat) if k == "dask" else a.repeat,
                              a.dask_timeout if k == "dask" else None) for k, v in engines.items()}
        for k in ("tessera", "dask"):
            res.setdefault(k, {"seconds": float("nan"), "peak_rss_mib": 0, "all": []})
        row = {"workload": name, "size": size, **{k: v for k, v in res.items()}}
        row["dask_over_tessera"] = res["dask"]["seconds"] / res["tessera"]["seconds"]
        if "floor" in res:
            row["tessera_over_floor"] = res["tessera"]["seconds"] / res["floor"]["seconds"]
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    print(f"{'workload':<14}{'size':>7}{'tessera s':>11}{'dask s':>9}{'floor s':>9}{'dask/tes':>10}{'tes/floor':>10}{'tes MiB':>9}{'dask MiB':>10}{'tes tree':>10}{'dask tree':>10}")
    for r in rows:
        floor = r.get("floor", {}).get("seconds")
        floor_text = f"{floor:.3f}" if floor else "-"
        ratio_text = f"{r['tessera_over_floor']:.2f}" if floor else "-"
        print(f"{r['workload']:<14}{r['size'] or '':>7}{r['tessera']['seconds']:>11.3f}{r['dask']['seconds']:>9.3f}"
              f"{floor_text:>9}{r['dask_over_tessera']:>10.1f}{ratio_text:>10}"
              f"{r['tessera']['peak_rss_mib']:>9.0f}{r['dask']['peak_rss_mib']:>10.0f}"
              f"{r['tessera'].get('peak_tree_mib', 0):>10.0f}{r['dask'].get('peak_tree_mib', 0):>10.0f}")

if __name__ == "__main__":
    main()
