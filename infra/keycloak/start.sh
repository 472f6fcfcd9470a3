#!/usr/bin/env bash
# Start Keycloak 26 on 127.0.0.1 with the enclave realm imported, for evaluation and tests
# (docs/keycloak.md). Needs only a JDK 17+: Keycloak comes from Maven Central through ./mvnw.
#
#   infra/keycloak/start.sh            start (or say it is already running) and wait until the realm answers
#   infra/keycloak/start.sh --fresh    drop Keycloak's database first, so the realm file is imported again
#
# Environment (all optional):
#   KC_PORT                  HTTP port (default 8180)
#   KC_MGMT_PORT             management port: /health, /health/ready (default 9000)
#   ENCLAVE_KEYCLOAK_DIR     state folder (default ${ENCLAVE_HOME:-<repo>/.enclave}/keycloak)
#   KC_REALM_FILE            realm to import (default infra/keycloak/enclave-realm.json)
#   KC_START_TIMEOUT         seconds to wait for the realm (default 180)
#   KC_BOOTSTRAP_ADMIN_PASSWORD  bootstrap admin password of the master realm (default: random, kept in
#                            <state>/admin-password, mode 600, never printed); user name `admin`
#   KEYCLOAK_VERSION         Keycloak distribution version (default 26.7.3)
#
# IMPORTANT: this is `start-dev` (H2 database, HTTP, relaxed hostname checks) bound to loopback.
# It is not how Keycloak runs in production; docs/keycloak.md lists what production needs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=infra/keycloak/_common.sh
source "$here/_common.sh"

fresh=false
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=true ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

realm_file="${KC_REALM_FILE:-$here/enclave-realm.json}"
timeout="${KC_START_TIMEOUT:-180}"
[[ -f "$realm_file" ]] || die "realm file $realm_file not found"
command -v java >/dev/null 2>&1 || [[ -n "${JAVA_HOME:-}" ]] || die "a JDK 17 or newer is required (java not on PATH, JAVA_HOME unset)"

if pid="$(running_pid)"; then
  echo "Keycloak is already running (pid $pid) at $base_url (realm $realm_url)."
  exit 0
fi
rm -f "$pid_file"

if port_open "$KC_PORT"; then
  die "port $KC_PORT on 127.0.0.1 is already taken by another process; set KC_PORT to a free port"
fi
if port_open "$KC_MGMT_PORT"; then
  die "management port $KC_MGMT_PORT on 127.0.0.1 is already taken; set KC_MGMT_PORT to a free port"
fi

mkdir -p "$state"
chmod 700 "$state"

# 1. The distribution, fetched once from Maven Central (cached in ~/.m2 afterwards).
if [[ ! -x "$kc_home/bin/kc.sh" ]]; then
  download="$state/download"
  rm -rf "$download" "$kc_home.partial"
  # Already in the local Maven repository (every run after the first): unpack it from there, which
  # saves starting Maven (seconds on a busy machine). Otherwise fetch it through the wrapper.
  zip="${HOME:-/nonexistent}/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -s "$zip" ]]; then
    echo "Fetching Keycloak $KEYCLOAK_VERSION from Maven Central (177 MB the first time)..."
    mkdir -p "$download"
    (cd "$root" && ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
        -DoutputDirectory="$download") || die "could not fetch org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip"
    zip="$download/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  fi
  echo "Unpacking Keycloak $KEYCLOAK_VERSION..."
  mkdir -p "$kc_home.partial"
  # The zip holds one top folder, keycloak-<version>/; unpack it, then move it into place in one step.
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$kc_home.partial" || die "could not unpack $zip"
  else
    # `jar` ships with every JDK, so a machine without unzip still works.
    (cd "$kc_home.partial" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf "$zip") || die "could not unpack $zip"
  fi
  mv "$kc_home.partial/keycloak-$KEYCLOAK_VERSION" "$kc_home"
  rm -rf "$kc_home.partial" "$download"
  chmod +x "$kc_home"/bin/*.sh
fi

# 2. The realm. Keycloak imports data/import/*.json at start and skips a realm that already exists.
if $fresh; then
  echo "--fresh: dropping Keycloak's database (realm, users, sessions, events) in $kc_home/data/h2"
  rm -rf "$kc_home/data/h2" "$state/realm.sha256"
fi
mkdir -p "$kc_home/data/import"
rm -f "$kc_home/data/import/"*.json
cp "$realm_file" "$kc_home/data/import/enclave-realm.json"
# <state>/realm.sha256 records the file that was actually imported (written once the realm answers).
realm_sum="$(sha256_of "$realm_file")"
if [[ -f "$state/realm.sha256" && "$(cat "$state/realm.sha256")" != "$realm_sum" ]]; then
  echo "Note: $realm_file changed since it was imported; Keycloak keeps the realm it has." >&2
  echo "      To import it again: infra/keycloak/stop.sh && infra/keycloak/start.sh --fresh" >&2
fi

# 3. The bootstrap admin of the master realm: random unless provided, never printed.
password_file="$state/admin-password"
if [[ -z "${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" ]]; then
  if [[ ! -s "$password_file" ]]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$password_file")
  fi
  KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$password_file")"
fi

# 4. Start, detached in its own session (so stop.sh can signal the whole process group), logging to a file.
: >"$log_file"
started_at="$(date +%s%N)"
(
  cd "$kc_home"
  # Our own settings must not leak into Keycloak's KC_* environment-variable configuration.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_BOOTSTRAP_ADMIN_PASSWORD" \
  exec env -u KC_PORT -u KC_MGMT_PORT -u KC_REALM_FILE -u KC_START_TIMEOUT \
    setsid "$kc_home/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 \
      --http-port="$KC_PORT" \
      --hostname="$base_url" \
      --http-management-port="$KC_MGMT_PORT" \
      --health-enabled=true \
      --import-realm \
      </dev/null >>"$log_file" 2>&1
) &
pid=$!
echo "$pid" >"$pid_file"
echo "Starting Keycloak $KEYCLOAK_VERSION (pid $pid), log $log_file ..."

# 5. Wait until the realm's OpenID configuration answers.
deadline=$(( $(date +%s) + timeout ))
until http_ok "$KC_PORT" "/realms/$KC_REALM/.well-known/openid-configuration"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pid_file"
    echo "start.sh: Keycloak exited during start-up. Last lines of $log_file:" >&2
    tail -n 40 "$log_file" >&2
    exit 1
  fi
  if (( $(date +%s) >= deadline )); then
    echo "start.sh: the realm did not answer within ${timeout}s (KC_START_TIMEOUT). Last lines of $log_file:" >&2
    tail -n 40 "$log_file" >&2
    echo "Keycloak is left running (pid $pid); stop it with infra/keycloak/stop.sh" >&2
    exit 1
  fi
  sleep 1
done
elapsed_ms=$(( ($(date +%s%N) - started_at) / 1000000 ))
if grep -q "Realm '$KC_REALM' imported" "$log_file"; then
  echo "$realm_sum" >"$state/realm.sha256"
fi
echo "Keycloak is ready after $((elapsed_ms / 1000)).$(( (elapsed_ms % 1000) / 100 )) s: realm $realm_url"
echo "  issuer     $realm_url"
echo "  health     http://127.0.0.1:$KC_MGMT_PORT/health/ready"
echo "  admin      $base_url/admin/ (user admin, password in $password_file unless KC_BOOTSTRAP_ADMIN_PASSWORD was set)"
echo "  stop with  infra/keycloak/stop.sh"
