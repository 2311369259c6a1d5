#!/bin/bash
# Starts a single-node Slurm on this machine (Debian's slurmctld, slurmd, munge), without systemd and
# without writing to /etc: munged, slurmctld and slurmd run as background processes with a
# slurm.conf in a scratch folder passed through SLURM_CONF, all traffic on 127.0.0.1.
#
#   source pipelines/slurm/single-node.sh     # defines slurm_start and slurm_stop
#   slurm_start /tmp/somewhere                # exports SLURM_CONF; the node is idle when it returns
#   sbatch ...; slurm_stop                    # stops the daemons it started, by PID
#
# It is what the Slurm test in Tests/CLITests runs, and a way to try the templates on a laptop.
# Needs root (slurmd runs jobs as their submitter) and the packages slurmctld slurmd slurm-client
# munge (`make deps` installs them).

slurm_start() {
  local dir=$1
  SLURM_DIR=$dir
  SLURM_PIDS=()
  mkdir -p "$dir"/{state,spool,log,munge}
  chmod 755 "$dir"
  # munge: reuse a running one (e.g. the system's), else start our own on the default socket.
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
    chown munge:munge "$dir/munge" && chmod 700 "$dir/munge"
    runuser -u munge -- munged --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
      --seed-file="$dir/munge/munged.seed" || { echo "slurm_start: munged did not start (see $dir/munge/munged.log)" >&2; return 1; }
    SLURM_PIDS+=("$(cat "$dir/munge/munged.pid")")
  fi
  local cpus memory
  cpus=$(nproc)
  memory=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) * 8 / 10 ))
  cat > "$dir/slurm.conf" <<CONF
ClusterName=loomtest
SlurmctldHost=$(hostname -s)(127.0.0.1)
MailProg=/bin/true
MessageTimeout=5
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
SlurmctldPort=${SLURM_TEST_PORT:-6817}
SlurmdPort=$(( ${SLURM_TEST_PORT:-6817} + 1 ))
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
NodeName=loomnode NodeAddr=127.0.0.1 CPUs=$cpus Boards=1 SocketsPerBoard=1 CoresPerSocket=$cpus ThreadsPerCore=1 RealMemory=$memory State=UNKNOWN
PartitionName=loomtest Nodes=loomnode Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -i -f "$SLURM_CONF" || { echo "slurm_start: slurmctld did not start (see $dir/log/slurmctld.log)" >&2; return 1; }
  slurmd -N loomnode -f "$SLURM_CONF" || { echo "slurm_start: slurmd did not start (see $dir/log/slurmd.log)" >&2; return 1; }
  local waited=0
  while true; do
    [ -s "$dir/slurmctld.pid" ] && [ -s "$dir/slurmd.pid" ] && break
    sleep 0.1; waited=$((waited + 1)); [ $waited -gt 100 ] && break
  done
  SLURM_PIDS+=("$(cat "$dir/slurmctld.pid" 2>/dev/null)" "$(cat "$dir/slurmd.pid" 2>/dev/null)")
  for _ in $(seq 1 300); do
    if timeout 5 sinfo -h -N -o '%T' 2>/dev/null | grep -qx idle; then return 0; fi
    sleep 0.1
  done
  echo "slurm_start: the node did not become idle in 30 s: $(timeout 5 sinfo -h -N -o '%T %E' 2>&1 | head -1); see $dir/log" >&2
  return 1
}

slurm_stop() {
  local pid
  for pid in "${SLURM_PIDS[@]}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null; done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${SLURM_PIDS[@]}"; do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for pid in "${SLURM_PIDS[@]}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; done
  SLURM_PIDS=()
}
