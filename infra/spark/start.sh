#!/usr/bin/env bash
# Starts a Spark standalone master and one worker on 127.0.0.1 from the build's own jars
# (docs/spark-cluster.md). Build first: ./mvnw -q -DskipTests -pl enclave-compute -am package
#
# Environment (all optional):
#   ENCLAVE_SPARK_STATE          state folder: pids, logs, secret, SPARK_HOME (default infra/spark/state)
#   ENCLAVE_SPARK_MASTER_PORT    master RPC port          (default 7077)
#   ENCLAVE_SPARK_MASTER_UI_PORT master web UI/JSON port  (default 18080)
#   ENCLAVE_SPARK_WORKER_UI_PORT worker web UI port       (default 18081)
#   ENCLAVE_SPARK_WORKER_CORES   worker cores             (default 2)
#   ENCLAVE_SPARK_WORKER_MEMORY  worker memory            (default 2g)
#   ENCLAVE_SPARK_WAIT_SECONDS   how long to wait for the worker to register (default 90)
#
# Prints the master URL (spark://127.0.0.1:PORT) on success. The cluster requires Spark authentication
# with a random secret made at each start (STATE/secret, owner-only) and encrypts RPC traffic; a job
# connects with `enclave-compute run --master spark://... --spark-secret-file STATE/secret`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${ENCLAVE_SPARK_STATE:-$root/infra/spark/state}"
master_port="${ENCLAVE_SPARK_MASTER_PORT:-7077}"
master_ui="${ENCLAVE_SPARK_MASTER_UI_PORT:-18080}"
worker_ui="${ENCLAVE_SPARK_WORKER_UI_PORT:-18081}"
cores="${ENCLAVE_SPARK_WORKER_CORES:-2}"
memory="${ENCLAVE_SPARK_WORKER_MEMORY:-2g}"
wait_seconds="${ENCLAVE_SPARK_WAIT_SECONDS:-90}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
lib="$root/enclave-compute/target/lib"
jar="$root/enclave-compute/target/enclave-compute.jar"

if [[ ! -f "$jar" || ! -d "$lib" ]]; then
  echo "infra/spark/start.sh: $jar or $lib is missing; build first with:" >&2
  echo "  ./mvnw -q -DskipTests -pl enclave-compute -am package" >&2
  exit 2
fi
mkdir -p "$state"
chmod 700 "$state"  # logs of jobs and the secret: owner only
state="$(cd "$state" && pwd)"
for role in master worker; do
  if [[ -f "$state/$role.pid" ]] && kill -0 "$(cat "$state/$role.pid")" 2>/dev/null; then
    echo "infra/spark/start.sh: a $role is already running (pid $(cat "$state/$role.pid")); run infra/spark/stop.sh first" >&2
    exit 1
  fi
done

# SPARK_HOME from the build: jars/ holds the runtime dependencies and the compute jar, as symbolic
# links, so a rebuild is picked up and nothing is copied. Rebuilt when the set of jars changes.
spark_home="$state/spark-home"
wanted="$(cd "$lib" && ls -1 ./*.jar | sed 's|^\./||' | sort; echo enclave-compute.jar)"
if [[ ! -d "$spark_home/jars" || "$(cat "$spark_home/jars.list" 2>/dev/null)" != "$wanted" ]]; then
  rm -rf "$spark_home"
  mkdir -p "$spark_home/jars" "$spark_home/conf"
  for j in "$lib"/*.jar; do ln -s "$j" "$spark_home/jars/"; done
  ln -s "$jar" "$spark_home/jars/enclave-compute.jar"
  printf '%s' "$wanted" > "$spark_home/jars.list"
fi

# A fresh secret per cluster start. Spark standalone has a single secret shared by the master, the
# workers and every application (docs/spark-cluster.md): the file is owner-only and never on a command line.
old_umask="$(umask)"
umask 077
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$state/secret"
{
  echo "spark.authenticate true"
  echo "spark.authenticate.secret $(cat "$state/secret")"
  echo "spark.network.crypto.enabled true"
  echo "spark.master.rest.enabled false"
} > "$state/spark-daemon.conf"
umask "$old_umask"

export SPARK_HOME="$spark_home"
export SPARK_LOCAL_IP=127.0.0.1
# Without it every executor dies with "Cannot find any build directories".
export SPARK_SCALA_VERSION=2.13
mkdir -p "$state/work"
cp="$spark_home/jars/*"

setsid nohup "$java_bin" -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui" --properties-file "$state/spark-daemon.conf" \
  > "$state/master.log" 2>&1 < /dev/null &
echo $! > "$state/master.pid"
setsid nohup "$java_bin" -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores "$cores" --memory "$memory" --work-dir "$state/work" --webui-port "$worker_ui" \
  --properties-file "$state/spark-daemon.conf" "spark://127.0.0.1:$master_port" \
  > "$state/worker.log" 2>&1 < /dev/null &
echo $! > "$state/worker.pid"

# Ready when the master's JSON lists an ALIVE worker.
deadline=$((SECONDS + wait_seconds))
until curl -fsS "http://127.0.0.1:$master_ui/json/" 2>/dev/null | grep -q '"state" *: *"ALIVE"'; do
  for role in master worker; do
    if ! kill -0 "$(cat "$state/$role.pid")" 2>/dev/null; then
      echo "infra/spark/start.sh: the $role exited; see $state/$role.log" >&2
      "$root/infra/spark/stop.sh" >/dev/null 2>&1 || true
      exit 1
    fi
  done
  if (( SECONDS >= deadline )); then
    echo "infra/spark/start.sh: no worker registered within ${wait_seconds}s; see $state/*.log" >&2
    "$root/infra/spark/stop.sh" >/dev/null 2>&1 || true
    exit 1
  fi
  sleep 0.5
done
echo "spark://127.0.0.1:$master_port"
