#!/usr/bin/env bash
# Stop the Keycloak started by start.sh: TERM, then KILL after a grace period (docs/keycloak.md).
#
#   infra/keycloak/stop.sh
#
# Environment: ENCLAVE_KEYCLOAK_DIR (state folder, as for start.sh), KC_STOP_GRACE (seconds, default 30).
# Only the process recorded in <state>/keycloak.pid (and its process group) is signalled.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=infra/keycloak/_common.sh
source "$here/_common.sh"

grace="${KC_STOP_GRACE:-30}"

if ! pid="$(running_pid)"; then
  if [[ -f "$pid_file" ]]; then
    echo "Keycloak is not running (stale pid file removed)."
    rm -f "$pid_file"
  else
    echo "Keycloak is not running."
  fi
  exit 0
fi

# start.sh runs kc.sh as a session leader, so its pid is also the process-group id: signalling the
# group reaches the JVM even if the launcher script has already gone.
signal() { kill "-$1" -- "-$pid" 2>/dev/null || kill "-$1" "$pid" 2>/dev/null || true; }

echo "Stopping Keycloak (pid $pid)..."
signal TERM
for ((i = 0; i < grace * 10; i++)); do
  if ! kill -0 "$pid" 2>/dev/null && ! kill -0 -- "-$pid" 2>/dev/null; then
    rm -f "$pid_file"
    echo "Keycloak stopped."
    exit 0
  fi
  sleep 0.1
done
echo "Keycloak did not stop within ${grace}s (KC_STOP_GRACE); sending KILL." >&2
signal KILL
sleep 1
rm -f "$pid_file"
echo "Keycloak killed."
