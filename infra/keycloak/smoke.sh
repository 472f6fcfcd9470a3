#!/usr/bin/env bash
# Smoke check of a running Keycloak with the enclave realm (docs/keycloak.md): a token for every demo
# user by password grant on enclave-cli, its signature and claims (iss, aud, azp, preferred_username,
# realm_access.roles, lifespan), and the flows that must be refused. Needs only a JDK (java Smoke.java).
#
#   infra/keycloak/smoke.sh [--show-claims]
#
# Environment: KC_PORT (default 8180) or KC_URL (default http://127.0.0.1:$KC_PORT), KC_ISSUER (expected
# iss, default $KC_URL/realms/enclave), KC_REALM_FILE (where the demo users are read from).
# Prints PASS/FAIL per check and ends with "N passed, M failed"; exits 1 on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=infra/keycloak/_common.sh
source "$here/_common.sh"

url="${KC_URL:-$base_url}"
args=(--url "$url" --realm-file "${KC_REALM_FILE:-$here/enclave-realm.json}")
[[ -n "${KC_ISSUER:-}" ]] && args+=(--issuer "$KC_ISSUER")
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "$here/Smoke.java" "${args[@]}" "$@"
