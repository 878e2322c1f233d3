#!/usr/bin/env bash
# Starts a small real SLURM on this machine for the Tessera.Jobqueue live tests:
# munged, slurmctld and TESSERA_SLURM_NODES slurmd daemons, all on 127.0.0.1, started
# directly (CI machines have no systemd). Installs Debian's packages when missing.
# Prints one line starting with "slurm ready:" and exits 0, or explains and exits 1.
# Knobs: TESSERA_SLURM_NODES (2), TESSERA_SLURM_CPUS (CPUs each node advertises, 4),
# TESSERA_SLURM_TIMEOUT (seconds to wait for the daemons, 90), TESSERA_SLURM_KILLWAIT (30).
set -euo pipefail

NODES=${TESSERA_SLURM_NODES:-2}
CPUS=${TESSERA_SLURM_CPUS:-4}
TIMEOUT=${TESSERA_SLURM_TIMEOUT:-90}
KILLWAIT=${TESSERA_SLURM_KILLWAIT:-30}
RUN=/run/tessera-slurm          # pid files of the daemons this script started
CONF=/etc/slurm/slurm.conf      # the default path, so sbatch & co need no SLURM_CONF
LOGS=/var/log/slurm
start=$(date +%s.%N)

fail() { echo "slurm start failed: $*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
# A zombie still answers kill -0 until its parent reaps it: count state Z as gone.
running() { [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat")" != Z ]; }
pid_in() { [ -r "$1" ] && tr -dc 0-9 < "$1" || true; }
# the daemon named in a pid file is alive (a pid reused by another program after a reboot or kill -9 is not it)
alive() { local p; p=$(pid_in "$1"); running "$p" && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = "$2" ]; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (installs packages and starts daemons)"

# 1. packages
t_install=$(date +%s.%N)
missing=()
for pkg in munge slurmctld slurmd slurm-client; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  # apt's maintainer scripts must not start daemons we would then not track
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1; fi
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } > /tmp/tessera-slurm-apt.log 2>&1 \
    || { [ $own_policy -eq 1 ] && rm -f /usr/sbin/policy-rc.d; fail "apt-get install ${missing[*]} failed (see /tmp/tessera-slurm-apt.log)"; }
  [ $own_policy -eq 1 ] && rm -f /usr/sbin/policy-rc.d
fi
install_s=$(since "$t_install")

# 2. configuration (rewritten each time; a change restarts the daemons)
host=$(hostname -s)
mem_kb=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)
realmem=$(( (mem_kb / 1024 - 1024) / NODES ))
mkdir -p "$RUN" "$LOGS" /etc/slurm /var/spool/slurmctld /var/spool/slurmd
new_conf=$(mktemp)
{
  echo "# Written by Tessera's .ci/slurm/start.sh: a CI cluster on 127.0.0.1, no accounting, no cgroups."
  echo "ClusterName=tessera"
  echo "SlurmctldHost=$host(127.0.0.1)"
  echo "SlurmUser=root"
  echo "SlurmdUser=root"
  echo "AuthType=auth/munge"
  echo "CredType=cred/munge"
  echo "StateSaveLocation=/var/spool/slurmctld"
  echo "SlurmdSpoolDir=/var/spool/slurmd/%n"
  echo "SlurmctldPidFile=$RUN/slurmctld.pid"
  echo "SlurmdPidFile=$RUN/slurmd-%n.pid"
  echo "SlurmctldLogFile=$LOGS/slurmctld.log"
  echo "SlurmdLogFile=$LOGS/slurmd-%n.log"
  echo "ProctrackType=proctrack/linuxproc"
  echo "TaskPlugin=task/none"
  echo "JobAcctGatherType=jobacct_gather/none"
  echo "AccountingStorageType=accounting_storage/none"
  echo "SelectType=select/cons_tres"
  echo "SelectTypeParameters=CR_CPU_Memory"
  echo "DefMemPerCPU=1024"
  echo "MpiDefault=none"
  echo "ReturnToService=2"
  echo "JobRequeue=0"
  echo "KillWait=$KILLWAIT"
  echo "MinJobAge=300"
  # more CPUs than the machine has: lets several one-CPU jobs run at once on 2 cores
  echo "SlurmdParameters=config_overrides"
  for k in $(seq 1 "$NODES"); do
    echo "NodeName=node$k NodeHostname=$host NodeAddr=127.0.0.1 Port=$((6818 + k)) CPUs=$CPUS RealMemory=$realmem State=UNKNOWN"
  done
  echo "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP"
  echo "PartitionName=cpu19_rh8 Nodes=ALL Default=NO MaxTime=INFINITE State=UP"
} > "$new_conf"
changed=1
if [ -f "$CONF" ] && cmp -s "$new_conf" "$CONF"; then changed=0; fi
if [ $changed -eq 1 ]; then
  [ -f "$CONF" ] && ! grep -q "Tessera's .ci/slurm/start.sh" "$CONF" && [ ! -f "$CONF.before-tessera" ] && cp "$CONF" "$CONF.before-tessera"
  cp "$new_conf" "$CONF"
fi
rm -f "$new_conf"

# a slurmctld we did not start (systemd's, another script's) would fight us for the ports
for f in /run/slurmctld.pid /run/slurm-ci/slurmctld.pid; do
  p=$(pid_in "$f"); alive "$f" slurmctld && fail "a slurmctld not started by this script runs (pid $p, $f); stop it first"
done

t_daemons=$(date +%s.%N)
stop_daemon() {  # pid file, expected command name
  local p; p=$(pid_in "$1")
  if alive "$1" "$2"; then
    kill "$p"; for _ in $(seq 50); do running "$p" || break; sleep 0.1; done
  fi
  rm -f "$1"
}
if [ $changed -eq 1 ]; then
  for f in "$RUN"/slurmd-*.pid; do [ -e "$f" ] && stop_daemon "$f" slurmd; done
  stop_daemon "$RUN/slurmctld.pid" slurmctld
fi

# 3. munged (an answering munged is reused as it is)
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  [ -s /etc/munge/munge.key ] || { dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; }
  chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/log/munge /var/lib/munge; chown munge:munge /run/munge /var/log/munge /var/lib/munge
  # a munged killed with -9 leaves its socket and pid file behind, and a new one refuses to start
  running "$(pid_in /run/munge/munged.pid)" || rm -f /run/munge/munge.socket.2* /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged || fail "munged did not start (see /var/log/munge/munged.log)"
  cp /run/munge/munged.pid "$RUN/munged.pid" 2>/dev/null || true
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null 2>&1 || fail "munged does not answer"
fi

# 4. slurmctld, then the slurmd daemons once the controller answers (an earlier
#    slurmd registration is lost and the node stays 'unknown' for ~20 s)
deadline=$(( $(date +%s) + TIMEOUT ))
if ! alive "$RUN/slurmctld.pid" slurmctld; then
  rm -rf /var/spool/slurmctld/*   # clean state: no jobs from an earlier, killed run
  /usr/sbin/slurmctld -c -i || fail "slurmctld did not start (see $LOGS/slurmctld.log)"
fi
until scontrol ping 2>/dev/null | grep -q 'is UP'; do
  [ "$(date +%s)" -lt "$deadline" ] || { tail -n 20 "$LOGS/slurmctld.log" >&2; fail "slurmctld does not answer after ${TIMEOUT}s"; }
  sleep 0.2
done
for k in $(seq 1 "$NODES"); do
  alive "$RUN/slurmd-node$k.pid" slurmd && continue
  mkdir -p "/var/spool/slurmd/node$k"
  /usr/sbin/slurmd -N "node$k" || fail "slurmd -N node$k did not start (see $LOGS/slurmd-node$k.log)"
done

# 5. wait for every node to be idle (or busy with jobs: mix/alloc on a re-run)
nodes="node[1-$NODES]"
until [ -z "$(sinfo -h -N -n "$nodes" -o '%t' 2>/dev/null | grep -vxE 'idle|mix|alloc' || true)" ] \
      && [ -n "$(sinfo -h -N -n "$nodes" -o '%t' 2>/dev/null)" ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    sinfo -N >&2 || true; tail -n 20 "$LOGS"/slurmd-node1.log >&2 || true
    fail "nodes not idle after ${TIMEOUT}s"
  fi
  sleep 0.2
done
echo "slurm ready: nodes=$nodes cpus/node=$CPUS mem/node=${realmem}M partitions=$(sinfo -h -o %P | paste -sd,) version=$(sinfo -V | awk '{print $2}') install=${install_s}s daemons=$(since "$t_daemons")s total=$(since "$start")s"
