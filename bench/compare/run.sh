#!/usr/bin/env bash
# One command for the side-by-side benchmarks: builds the bench program in Release, then runs
# Tessera, Dask (Debian's python3-dask) and the hand-written C# floor on the same workloads.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! /usr/bin/python3 -c 'import dask, distributed' 2>/dev/null; then
  apt-get install -y -qq python3-dask python3-distributed >/dev/null
fi
dotnet build -c Release bench/Tessera.Bench -v q -nologo >/dev/null
exec /usr/bin/python3 bench/compare/run.py "$@"
