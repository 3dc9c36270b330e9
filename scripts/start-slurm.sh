#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine (Debian, as root), for the
# scale-out tier (test/scale-out): munged, slurmctld and slurmd, started
# directly (no systemd), with a minimal slurm.conf for one node named after
# `hostname -s` that offers every core. Installs Debian's slurmctld, slurmd,
# slurm-client, munge and parallel when they are missing. Does nothing when a
# controller already answers. No accounting: jobs are followed with squeue and
# scontrol. Stop it with: scripts/start-slurm.sh --stop
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

CONF=/etc/slurm/slurm.conf
LOGS=/var/log/slurm

if [ "${1:-}" = "--stop" ]; then
  for pidfile in /run/slurmd.pid /run/slurmctld.pid /run/munge/munged.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "start-slurm.sh: run as root (it installs packages and starts daemons)" >&2
  exit 2
fi

if command -v scontrol >/dev/null && scontrol ping 2>/dev/null | grep -q 'is UP'; then
  echo "slurm: a controller already answers"; exit 0
fi

packages=(munge slurmctld slurmd slurm-client parallel)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node=$(hostname -s)
cpus=$(nproc)
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd "$LOGS" /run/munge
# The daemons run as root: one machine, no accounting, nothing to separate.
cat > "$CONF" <<CONF
# Written by scripts/start-slurm.sh: one node, every core, no accounting.
ClusterName=sdeflow
SlurmctldHost=$node
SlurmUser=root
AuthType=auth/munge
MpiDefault=none
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobRequeue=1
ReturnToService=2
KillWait=30
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
NodeName=$node CPUs=$cpus State=UNKNOWN
PartitionName=main Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF

# munge signs every message between the Slurm commands and daemons.
[ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
chown munge:munge /etc/munge/munge.key /run/munge
chmod 400 /etc/munge/munge.key
[ -f /run/munge/munged.pid ] && kill -0 "$(cat /run/munge/munged.pid)" 2>/dev/null || runuser -u munge -- /usr/sbin/munged

# -c: no jobs of an earlier cluster on this machine are recovered (the script
# only starts one where none answers).
slurmctld -c
slurmd

for _ in $(seq 60); do
  state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
  case "$state" in
    idle*|mixed*|allocated*) echo "slurm: node $node up ($cpus CPUs, partition main)"; exit 0 ;;
  esac
  sleep 1
done
echo "start-slurm.sh: node $node did not come up; last state '${state:-none}'. Logs: $LOGS" >&2
tail -n 20 "$LOGS/slurmctld.log" "$LOGS/slurmd.log" >&2 || true
exit 1
