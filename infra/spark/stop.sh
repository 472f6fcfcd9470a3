#!/usr/bin/env bash
# Stops the master and worker started by infra/spark/start.sh (same ENCLAVE_SPARK_STATE), by the pids it
# recorded: TERM, then KILL after a grace period. The worker stops its executors on TERM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${ENCLAVE_SPARK_STATE:-$root/infra/spark/state}"
grace="${ENCLAVE_SPARK_STOP_GRACE_SECONDS:-15}"
status=0
for role in worker master; do
  pid_file="$state/$role.pid"
  [[ -f "$pid_file" ]] || continue
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + grace))
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "infra/spark/stop.sh: $role (pid $pid) ignored TERM for ${grace}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || status=1
    fi
  fi
  rm -f "$pid_file"
done
# The secret is only good for this cluster: remove it with the cluster.
rm -f "$state/secret" "$state/spark-daemon.conf"
exit "$status"
