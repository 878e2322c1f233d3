"""Dask side of the Zarr benchmarks (Dask 2022.12 + zarr 2.13): same shapes, chunks, values and codec as
bench/Tessera.Bench/Compare/ZarrWorkloads.cs. One workload per process; prints one JSON line.

Run with: /usr/bin/python3 bench/compare/dask_zarr.py zarr-write|zarr-read|zarr-facets [--gib 4] [--codec lz4|none]
          [--dir /var/tmp/tessera-zarr-bench] [--threads 2] [--cluster] [--size 8192]
"""
import argparse
import json
import os
import time

COLUMNS = 8192
ROWS_PER_CHUNK = 1024


def main():
    p = argparse.ArgumentParser()
    p.add_argument("workload")
    p.add_argument("--gib", type=float, default=4)
    p.add_argument("--codec", default="lz4", choices=["lz4", "none"])
    p.add_argument("--dir", default="/var/tmp/tessera-zarr-bench")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--size", type=int, default=8192)
    p.add_argument("--cluster", action="store_true")
    p.add_argument("--memory-limit", default="auto")
    a = p.parse_args()

    import dask
    import dask.array as da
    import numcodecs
    import numpy as np
    import zarr
    engine = "dask-threads"
    if a.cluster:
        from distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=a.memory_limit)
        client = Client(cluster)  # noqa: F841
        engine = "dask-distributed"
    else:
        dask.config.set(scheduler="threads", num_workers=a.threads)
    compressor = None if a.codec == "none" else numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE)
    rows = int(a.gib * (1 << 30) / 8 / COLUMNS)
    path = os.path.join(a.dir, f"dask-array-{a.codec}-{a.gib:g}g.zarr")
    nbytes = rows * COLUMNS * 8.0
    os.makedirs(a.dir, exist_ok=True)

    def block(block_info=None):
        (r0, r1), _ = block_info[None]["array-location"]
        return np.arange(r0 * COLUMNS, r1 * COLUMNS, dtype="f8").reshape(r1 - r0, COLUMNS)

    # Warm-up, untimed, as on the Tessera side: the same write and read on a 2-chunk array.
    warm = os.path.join(a.dir, "warmup-dask.zarr")
    small = da.map_blocks(block, chunks=((ROWS_PER_CHUNK // 16,) * 2, (COLUMNS,)), dtype="f8", meta=np.empty((0, 0), "f8"))
    da.to_zarr(small, warm, overwrite=True, compressor=compressor)
    da.from_zarr(warm).sum().compute()

    start = time.perf_counter()
    if a.workload == "zarr-write":
        nb = -(-rows // ROWS_PER_CHUNK)
        chunks = (tuple(min(ROWS_PER_CHUNK, rows - i * ROWS_PER_CHUNK) for i in range(nb)), (COLUMNS,))
        x = da.map_blocks(block, chunks=chunks, dtype="f8", meta=np.empty((0, 0), "f8"))
        da.to_zarr(x, path, overwrite=True, compressor=compressor)
        info = {"path": path, "rows": rows}
    elif a.workload == "zarr-read":
        info = {"path": path, "sum": float(da.from_zarr(path).sum().compute())}
    elif a.workload == "zarr-facets":
        fpath = os.path.join(a.dir, f"dask-facets-{a.size}.zarr")
        if not os.path.exists(os.path.join(fpath, ".zarray")):
            s = a.size
            facets = da.stack([da.full((s, s), i, dtype="i8", chunks=(s // 4, s // 4)) for i in range(10)], axis=0)
            da.to_zarr(facets, fpath, compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE))
            start = time.perf_counter()
        wf = os.path.join(a.dir, "warmup-dask-facets.zarr")
        da.to_zarr(da.stack([da.full((64, 64), i, dtype="i8", chunks=(16, 16)) for i in range(10)], axis=0), wf, overwrite=True)
        da.from_zarr(wf).sum(axis=0)[0, :].compute()
        da.from_zarr(wf).sum(axis=0).compute()
        start = time.perf_counter()
        stack = da.from_zarr(fpath)
        row = stack.sum(axis=0)[0, :].compute()
        row_seconds = time.perf_counter() - start
        total = stack.sum(axis=0).compute()
        nbytes = 10.0 * a.size * a.size * 8
        info = {"path": fpath, "row0": int(row[0]), "row0_seconds": row_seconds, "min": int(total.min()), "max": int(total.max())}
    else:
        raise SystemExit(f"unknown workload {a.workload!r}")
    seconds = time.perf_counter() - start
    print(json.dumps({"engine": engine, "workload": a.workload, "codec": a.codec, "seconds": seconds,
                      "gbps": nbytes / seconds / 1e9, "info": info}))


if __name__ == "__main__":
    main()
