#!/usr/bin/env bash
# Create the secret files compose.yaml reads (docs/containers.md): random and never printed. Existing
# files are kept, so running it again changes nothing.
#
# Without swarm, compose bind-mounts secret files with their host permissions, and the containers read
# them as their own unprivileged users (Keycloak 1000, the API 10001): the folder is owner-only, the
# files inside are world-readable so that those users can read their mounted copy.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"
mkdir -p "$dir"
chmod 700 "$dir"
for name in postgres-password keycloak-admin-password; do
  if [[ ! -s "$dir/$name" ]]; then
    (umask 022; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/$name")
    echo "created $dir/$name"
  else
    echo "kept    $dir/$name"
  fi
done
