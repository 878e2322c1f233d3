#!/usr/bin/env bash
# Installs the reference tools the tests compare against when this machine lacks them:
# Debian's NumPy, zarr, h5py, dask and netCDF4 (the judges of the array and storage tests) and, for each
# tests/**/package-lock.json, its npm packages (npm ci). Idempotent; prints what it did.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
/usr/bin/python3 -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
/usr/bin/python3 -c 'import zarr' 2>/dev/null || need+=(python3-zarr)
/usr/bin/python3 -c 'import h5py' 2>/dev/null || need+=(python3-h5py)
/usr/bin/python3 -c 'import dask.array' 2>/dev/null || need+=(python3-dask)
/usr/bin/python3 -c 'import netCDF4' 2>/dev/null || need+=(python3-netcdf4)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
while IFS= read -r lock; do
  dir=$(dirname "$lock")
  if [ ! -d "$dir/node_modules" ]; then
    echo "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done < <(find tests -name package-lock.json -not -path '*/node_modules/*')
echo "reference tools ready"
