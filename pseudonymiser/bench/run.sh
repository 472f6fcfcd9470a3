#!/usr/bin/env bash
# Pseudonymiser benchmark (docs/pseudonymiser.md, "Figures"). Long: run it once, on a quiet machine if possible.
#   pseudonymiser/bench/run.sh            # 10M rows: pseudonymiser vs HMAC floor vs Spark local[2]; then 50M for RSS
#   ROWS=1000000 BIG_ROWS=0 pseudonymiser/bench/run.sh   # quick check
# Environment: ROWS (default 10000000), BIG_ROWS (default 50000000; 0 skips), BENCH_DIR (default /tmp/enclave-bench),
# CODEC (zstd), THREADS (cores). The generated CSVs are kept in BENCH_DIR for re-runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS="${ROWS:-10000000}"
BIG_ROWS="${BIG_ROWS:-50000000}"
WORK="${BENCH_DIR:-/tmp/enclave-bench}"
CODEC="${CODEC:-zstd}"
THREADS="${THREADS:-$(nproc)}"
mkdir -p "$WORK"
cd "$root"

echo "== build" >&2
./mvnw -B -q -pl pseudonymiser package -DskipTests
./mvnw -B -q -pl pseudonymiser dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/test.cp" >/dev/null
cp_test="pseudonymiser/target/test-classes:pseudonymiser/target/classes:$(cat "$WORK/test.cp")"

export ENCLAVE_KEYSTORE_PASSWORD="bench-only-password-$$"
rm -f "$WORK/bench.bcfks"
bin/pseudonymiser keygen --keystore "$WORK/bench.bcfks" --key-id bench >&2

gen() { # rows -> csv path
  local f="$WORK/stays-$1.csv"
  if [[ ! -s "$f" ]]; then
    echo "== generating $1 rows" >&2
    java -cp "$cp_test" org.enclave.pseudonymiser.bench.BenchDataGenerator "$f" "$1" 42
  fi
  echo "$f"
}

# Runs the pseudonymiser as a process ($3: layout, default csns); prints "rows_per_s wall_s rss_kb".
pseudo() {
  local csv="$1" out="$WORK/out-$2"
  rm -rf "$out"
  /usr/bin/time -v -o "$WORK/time-$2.txt" bin/pseudonymiser run --input "$csv" --schema "$WORK/schema.yaml" \
    --keystore "$WORK/bench.bcfks" --output "$out" --compression "$CODEC" --threads "$THREADS" --no-progress \
    --layout "${3:-csns}" >&2
  bin/pseudonymiser verify "$out" >&2
  local rps wall rss
  rps=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['timings']['rowsPerSecond'])" "$out/manifest.json")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/time-$2.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/time-$2.txt")
  echo "$rps $wall $rss"
}

csv=$(gen "$ROWS")
cp "$csv.schema.yaml" "$WORK/schema.yaml"
bytes=$(stat -c %s "$csv")

echo "== pseudonymiser, $ROWS rows" >&2
read -r p_rps p_wall p_rss < <(pseudo "$csv" main)
echo "== pseudonymiser, $ROWS rows, --layout input (no sort: the work of Spark's baseline without the sort)" >&2
read -r i_rps i_wall i_rss < <(pseudo "$csv" input input)
rm -rf "$WORK/out-input"

echo "== HMAC floor, $THREADS threads" >&2
h_rps=$(java -cp "$cp_test" org.enclave.pseudonymiser.bench.HmacFloor "$ROWS" "$THREADS" | awk -F= '/hmac_rows_per_s/{print $2}')

spark_opts=$(java -cp "$cp_test" org.enclave.pseudonymiser.bench.SparkJvmOptions)
# Runs the Spark baseline ($1: plain or sorted); prints "rows_per_s job_s wall_s rss_kb".
spark() {
  rm -rf "$WORK/out-spark-$1"
  # shellcheck disable=SC2086
  SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -v -o "$WORK/time-spark-$1.txt" \
    java $spark_opts -Xmx2g -cp "$cp_test" org.enclave.pseudonymiser.bench.SparkBaseline "$csv" "$WORK/out-spark-$1" "$CODEC" "$1" \
    > "$WORK/spark-$1.txt" 2> "$WORK/spark-$1.err" || { echo "Spark baseline failed; see $WORK/spark-$1.err" >&2; exit 1; }
  local wall
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/time-spark-$1.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  echo "$(awk -F= '/spark_rows_per_s/{print $2}' "$WORK/spark-$1.txt") $(awk -F= '/spark_job_s/{print $2}' "$WORK/spark-$1.txt") $wall $(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/time-spark-$1.txt")"
  rm -rf "$WORK/out-spark-$1"
}
echo "== Spark local[2] baseline, the same work: CSV in, HMAC, Parquet out in the CSNS-sorted layout" >&2
read -r s_rps s_job s_wall s_rss < <(spark sorted)
echo "== Spark local[2] baseline without the sort (less work than the pseudonymiser does)" >&2
read -r u_rps u_job u_wall u_rss < <(spark plain)

b_rss="-"; b_rps="-"; b_wall="-"
if [[ "$BIG_ROWS" != "0" ]]; then
  big=$(gen "$BIG_ROWS")
  echo "== pseudonymiser, $BIG_ROWS rows (RSS)" >&2
  read -r b_rps b_wall b_rss < <(pseudo "$big" big)
  rm -rf "$WORK/out-big"
fi

python3 - "$ROWS" "$bytes" "$p_rps" "$p_wall" "$p_rss" "$h_rps" "$s_rps" "$s_job" "$s_wall" "$s_rss" "$BIG_ROWS" "$b_rps" "$b_wall" "$b_rss" "$THREADS" "$CODEC" "$u_rps" "$u_job" "$u_wall" "$i_rps" "$i_wall" "$i_rss" <<'PY'
import sys
(rows, size, p_rps, p_wall, p_rss, h_rps, s_rps, s_job, s_wall, s_rss, big, b_rps, b_wall, b_rss, threads, codec, u_rps, u_job, u_wall,
 i_rps, i_wall, i_rss) = sys.argv[1:]
u_rps=float(u_rps); i_rps=float(i_rps)
rows=int(rows); p_rps=float(p_rps); h_rps=float(h_rps); s_rps=float(s_rps)
p_wall=float(p_wall); s_wall=float(s_wall)
mib=lambda kb: "%.0f MiB" % (int(kb)/1024)
print(f"pseudonymiser benchmark: {rows:,} rows, {int(size)/2**20:.0f} MiB CSV, {threads} threads, {codec}")
print(f"  pseudonymiser     {p_rps/1e6:6.2f} M rows/s   (process wall {p_wall:.1f} s, peak RSS {mib(p_rss)})")
print(f"  pseudonymiser, --layout input {i_rps/1e6:6.2f} M rows/s   (no sort; process wall {float(i_wall):.1f} s, peak RSS {mib(i_rss)})")
print(f"  Spark local[2]    {s_rps/1e6:6.2f} M rows/s   (the same work, sorted layout; job {float(s_job):.1f} s, process wall {s_wall:.1f} s, peak RSS {mib(s_rss)})")
print(f"  Spark, no sort    {u_rps/1e6:6.2f} M rows/s   (less work: rows in input order; job {float(u_job):.1f} s, process wall {float(u_wall):.1f} s)")
print(f"  HMAC alone        {h_rps/1e6:6.2f} M rows/s   (floor, {threads} threads)")
print(f"  ratio pseudonymiser / Spark (job rates)      {p_rps/s_rps:5.2f}x   (target >= 2.5x)")
print(f"  ratio pseudonymiser / Spark (process walls)  {s_wall/p_wall:5.2f}x")
print(f"  ratio pseudonymiser / Spark without the sort  {p_rps/u_rps:5.2f}x   (the pseudonymiser still sorts)")
print(f"  ratio --layout input / Spark without the sort {i_rps/u_rps:5.2f}x   (the same work, neither sorts; target >= 2.5x)")
print(f"  pipeline share of the HMAC floor             {100*p_rps/h_rps:5.1f} %")
if big != "0":
    print(f"  pseudonymiser at {int(big):,} rows: {float(b_rps)/1e6:.2f} M rows/s, wall {float(b_wall):.1f} s, peak RSS {mib(b_rss)}")
ok = int(p_rss) < 1 << 20 and int(i_rss) < 1 << 20 and (big == "0" or int(b_rss) < 1 << 20)
print(f"  peak RSS under 1 GiB: {'yes' if ok else 'NO'}")
PY
