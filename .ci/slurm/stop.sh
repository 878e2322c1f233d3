#!/usr/bin/env bash
# Stops what .ci/slurm/start.sh started: cancels the jobs left in the queue, then
# ends only the daemons whose pid files it wrote (checking each process's name).
# Safe to run twice. --keep-jobs leaves the queue alone.
set -uo pipefail
RUN=/run/tessera-slurm
running() { [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat")" != Z ]; }
pid_in() { [ -r "$1" ] && tr -dc 0-9 < "$1" || true; }

if [ "${1:-}" != --keep-jobs ] && running "$(pid_in "$RUN/slurmctld.pid")"; then
  scancel --full --quiet "--user=$(id -un)" 2>/dev/null || true
  # jobs that ignore SIGTERM are killed after KillWait
  wait_s=$(( $(scontrol show config 2>/dev/null | awk '/^KillWait/ {print $3}' || echo 30) + 15 ))
  for _ in $(seq $((wait_s * 5))); do
    [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2
  done
fi
for f in "$RUN"/slurmd-*.pid "$RUN/slurmctld.pid" "$RUN/munged.pid"; do
  [ -e "$f" ] || continue
  p=$(pid_in "$f"); name=$(basename "$f" .pid); name=${name%%-*}
  if running "$p" && [ "$(cat "/proc/$p/comm")" = "$name" ]; then
    kill "$p"
    for _ in $(seq 100); do running "$p" || break; sleep 0.1; done
    running "$p" && kill -9 "$p"
  fi
  rm -f "$f"
done
echo "slurm stopped"
