#!/usr/bin/env bash
# NPY-stack and HDF5 read/write side by side with Dask (Debian's python3-dask and python3-h5py):
# builds the bench program in Release, then runs bench/compare/storage.py (see its --help).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/deps.sh >/dev/null
dotnet build -c Release bench/Tessera.Bench -v q -nologo >/dev/null
exec /usr/bin/python3 bench/compare/storage.py "$@"
