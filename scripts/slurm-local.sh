#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for tests and demos (Debian's slurm-wlm and munge).
#   bash scripts/slurm-local.sh start    munge (unless one answers already), slurmctld and slurmd
#   bash scripts/slurm-local.sh status   exit 0 when the node takes jobs; prints `export SLURM_CONF=...`
#   bash scripts/slurm-local.sh stop     ends what `start` started and removes the folder
#   bash scripts/slurm-local.sh env      prints `export SLURM_CONF=...` (eval "$(... env)")
# Everything lives in FLOW_SLURM_DIR (default /tmp/flowstudio-slurm): slurm.conf, state, spool, logs,
# pid files. Ports FLOW_SLURM_PORT and FLOW_SLURM_PORT+1 (default 16817, 16818). The node offers
# FLOW_SLURM_CPUS CPUs (default: max(nproc, 8)) so that a fan-out is not limited to the cores of a
# laptop; jobs of this cluster are light. Needs root (the daemons run as SlurmUser=root), like CI.
# Exit status: 0 done, 1 failed, 3 Slurm or munge packages missing (tests skip on 3).
set -euo pipefail

dir=${FLOW_SLURM_DIR:-/tmp/flowstudio-slurm}
port=${FLOW_SLURM_PORT:-16817}
conf=$dir/slurm.conf
host=$(hostname -s)

say() { echo "slurm-local: $*" >&2; }

need_packages() {
    local p
    for p in slurmctld slurmd sbatch squeue scontrol munged munge unmunge; do
        if ! command -v "$p" >/dev/null && [[ ! -x /usr/sbin/$p ]]; then
            say "'$p' is missing: install the Debian packages slurm-wlm and munge (bash scripts/setup.sh deps)"
            exit 3
        fi
    done
    if [[ $(id -u) -ne 0 ]]; then
        say "needs root (the daemons run as root); try: sudo bash $0 ${1:-start}"
        exit 3
    fi
}

munge_ok() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

start_munge() {
    if munge_ok; then
        return
    fi
    if [[ ! -s /etc/munge/munge.key ]]; then
        say "creating /etc/munge/munge.key"
        if command -v mungekey >/dev/null; then mungekey --create; else /usr/sbin/create-munge-key -f; fi
        chown munge:munge /etc/munge/munge.key
        chmod 400 /etc/munge/munge.key
    fi
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /run/munge /var/log/munge /var/lib/munge
    runuser -u munge -- /usr/sbin/munged
    for _ in $(seq 50); do
        munge_ok && break
        sleep 0.1
    done
    munge_ok || { say "munged does not answer"; exit 1; }
    # This script started it, so `stop` ends it (a munged someone else runs is left alone).
    cat /run/munge/munged.pid > "$dir/munged.started" 2>/dev/null || pgrep -n -x munged > "$dir/munged.started"
}

write_conf() {
    local cpus mem
    cpus=${FLOW_SLURM_CPUS:-$(($(nproc) > 8 ? $(nproc) : 8))}
    mem=$(free -m | awk '/^Mem:/ { print int($7 * 0.9) }')
    mkdir -p "$dir/state" "$dir/spool" "$dir/jobs"
    cat > "$conf" <<EOF
# Written by scripts/slurm-local.sh: a one-node cluster for Flowstudio's tests and demos.
ClusterName=flowstudio
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=$port
SlurmdPort=$((port + 1))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
# Quick turnaround for short jobs: time limits checked every few seconds, ended jobs purged soon.
InactiveLimit=0
KillWait=2
MinJobAge=60
OverTimeLimit=0
# batch_sched_delay: Slurm may hold a batch job up to 3 s by default while another completes.
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0,sched_interval=1
SlurmdParameters=config_overrides
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

node_ready() {
    local state
    state=$(SLURM_CONF=$conf sinfo -h -n "$host" -o %T 2>/dev/null | head -n 1) || return 1
    [[ $state == idle* || $state == mixed* || $state == alloc* ]]
}

alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
    need_packages start
    mkdir -p "$dir"
    if alive "$dir/slurmctld.pid" && node_ready; then
        say "already running in $dir"
        echo "export SLURM_CONF=$conf"
        return
    fi
    start_munge
    write_conf
    export SLURM_CONF=$conf
    alive "$dir/slurmctld.pid" || slurmctld -i -f "$conf"
    alive "$dir/slurmd.pid" || slurmd -f "$conf"
    for _ in $(seq 150); do
        node_ready && break
        sleep 0.2
    done
    if ! node_ready; then
        say "the node did not come up; logs:"
        tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
        exit 1
    fi
    say "one-node cluster up in $dir"
    echo "export SLURM_CONF=$conf"
}

stop_pid_file() { # file: SIGTERM, wait up to 5 s, then SIGKILL
    local file=$1 pid
    [[ -s $file ]] || return 0
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
}

stop() {
    [[ -d $dir ]] || { say "nothing to stop in $dir"; return; }
    if [[ -f $conf ]] && alive "$dir/slurmctld.pid"; then
        SLURM_CONF=$conf scancel --full --quiet --user=root 2>/dev/null || true
        SLURM_CONF=$conf scontrol shutdown 2>/dev/null || true
    fi
    stop_pid_file "$dir/slurmd.pid"
    stop_pid_file "$dir/slurmctld.pid"
    stop_pid_file "$dir/munged.started"
    rm -rf "$dir"
    say "stopped"
}

status() {
    if [[ -f $conf ]] && alive "$dir/slurmctld.pid" && node_ready; then
        echo "export SLURM_CONF=$conf"
        SLURM_CONF=$conf sinfo >&2
        return 0
    fi
    say "not running (folder $dir)"
    return 1
}

case ${1:-} in
start) start ;;
stop) stop ;;
status) status ;;
env) echo "export SLURM_CONF=$conf" ;;
*)
    echo "usage: bash scripts/slurm-local.sh start|stop|status|env" >&2
    exit 2
    ;;
esac
