#!/usr/bin/env bash
# A single-node SLURM cluster on localhost for `make test-slurm` (docs/cluster.md), all state under DIR:
#   mk/slurm-local.sh start DIR   writes DIR/slurm.conf, starts munged, slurmctld and slurmd, waits for the node
#   mk/slurm-local.sh stop DIR    stops the daemons started by `start DIR` (by their recorded pids), nothing else
# Clients use it with SLURM_CONF=DIR/slurm.conf. Needs root and Debian's slurm-wlm and munge (make test-slurm
# installs them). No cgroup plugin: proctrack/linuxproc and task/none work in a container.
# The node declares 16 CPUs, 64 GiB and one GPU whatever the machine has (SlurmdParameters=config_overrides,
# a gres.conf GPU on /dev/null), so that a paper-scale script's requests pass `sbatch --test-only`; the smoke
# test asks for one CPU per task and no GPU.
set -euo pipefail
cmd="${1:?usage: $0 start|stop DIR}"
dir="$(mkdir -p "${2:?usage: $0 start|stop DIR}" && cd "$2" && pwd)"
node="$(hostname -s)"

stop() {
  for d in slurmd slurmctld munged; do
    pidfile="$dir/$d.pid"
    if [ -f "$pidfile" ]; then
      pid="$(cat "$pidfile")"
      if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
      fi
      rm -f "$pidfile"
    fi
  done
}

if [ "$cmd" = stop ]; then
  stop
  exit 0
fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "slurm-local: needs root (slurmd runs jobs as their users)" >&2; exit 2; }
for b in munged slurmctld slurmd sbatch; do
  command -v "$b" >/dev/null || { echo "slurm-local: $b not found; run make test-slurm (it installs slurm-wlm and munge)" >&2; exit 2; }
done

mkdir -p "$dir/munge" "$dir/spool/ctld" "$dir/spool/d" "$dir/log"
chown munge:munge "$dir/munge"
chmod 700 "$dir/munge"
if [ ! -f "$dir/munge/munge.key" ]; then
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
fi
chown munge:munge "$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"

cat > "$dir/slurm.conf" <<CONF
ClusterName=isrepro-local
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket,cred_expire=5
StateSaveLocation=$dir/spool/ctld
SlurmdSpoolDir=$dir/spool/d
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MailProg=/bin/true
ReturnToService=2
KillWait=10
MinJobAge=600
SlurmdParameters=config_overrides
GresTypes=gpu
NodeName=$node NodeAddr=127.0.0.1 CPUs=16 RealMemory=65536 Gres=gpu:1 State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
echo "NodeName=$node Name=gpu File=/dev/null" > "$dir/gres.conf"

stop
runuser -u munge -- munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
for _ in $(seq 50); do [ -f "$dir/munge/munged.pid" ] && break; sleep 0.1; done
cp "$dir/munge/munged.pid" "$dir/munged.pid"
export SLURM_CONF="$dir/slurm.conf"
slurmctld -D -f "$dir/slurm.conf" -i > "$dir/log/slurmctld.out" 2>&1 &
echo $! > "$dir/slurmctld.pid"
slurmd -D -f "$dir/slurm.conf" > "$dir/log/slurmd.out" 2>&1 &
echo $! > "$dir/slurmd.pid"
for _ in $(seq 300); do
  if sinfo -h -N -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
    echo "slurm-local: node $node up (SLURM_CONF=$dir/slurm.conf)"
    exit 0
  fi
  sleep 0.1
done
echo "slurm-local: the node did not come up in 30 s; logs in $dir/log" >&2
sinfo -N -l >&2 || true
tail -5 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
stop
exit 1
