#!/usr/bin/env bash
# Static checks of infra/k8s/*.yaml and infra/compose/compose.yaml (CheckManifests.java), for machines
# with neither a container engine nor a cluster. Needs a JDK; SnakeYAML is fetched once with ./mvnw.
#
#   infra/k8s/check.sh
#
# With a cluster at hand, `kubectl apply -k infra/k8s --dry-run=server` checks much more; with Docker
# Compose, `docker compose -f infra/compose/compose.yaml config` (docs/containers.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${ENCLAVE_HOME:-$root/.enclave}/tools"
jar="$tools/snakeyaml-2.5.jar"
if [[ ! -f "$jar" ]]; then
  mkdir -p "$tools"
  (cd "$root" && ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact=org.yaml:snakeyaml:2.5 -DoutputDirectory="$tools")
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar" "$here/CheckManifests.java" "$here" "$root/infra/compose/compose.yaml"
