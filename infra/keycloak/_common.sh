# Shared by start.sh, stop.sh and smoke.sh (sourced, not run). Expects $here and $root to be set.
# shellcheck shell=bash

KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.7.3}"
KC_PORT="${KC_PORT:-8180}"
KC_MGMT_PORT="${KC_MGMT_PORT:-9000}"
KC_REALM=enclave
state="${ENCLAVE_KEYCLOAK_DIR:-${ENCLAVE_HOME:-$root/.enclave}/keycloak}"
kc_home="$state/keycloak-$KEYCLOAK_VERSION"
pid_file="$state/keycloak.pid"
log_file="$state/keycloak.log"
base_url="http://127.0.0.1:$KC_PORT"
realm_url="$base_url/realms/$KC_REALM"

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# The pid in the pid file, if that process is alive and is a Keycloak we started; fails otherwise.
running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: the process must be Keycloak's launcher or JVM.
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -e 'kc.sh' -e 'keycloak' || return 1
  fi
  echo "$pid"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when GET http://127.0.0.1:$1$2 answers 200. Uses curl when present, else bash's /dev/tcp.
http_ok() {
  local port="$1" path="$2"
  if command -v curl >/dev/null 2>&1; then
    [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$port$path" 2>/dev/null)" == 200 ]]
  else
    local status
    status="$( { exec 3<>"/dev/tcp/127.0.0.1/$port" \
      && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3 \
      && timeout 5 head -n 1 <&3; } 2>/dev/null)"
    [[ "$status" == *" 200 "* ]]
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1
  fi
}
