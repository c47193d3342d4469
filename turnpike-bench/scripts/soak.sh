#!/usr/bin/env bash
# The soak (issue 14): 10 minutes of mixed traffic on loopback at half the measured maximum, against one gateway
# on SQLite or three sharing a throwaway PostgreSQL. The mix (Soak.java): paid requests, unpaid requests on the
# 402 path, Bifrost session cycles across instances and delegated requests with DPoP. Every 10 s: latency
# percentiles, and each gateway's heap after GC, open files and threads, sampled from outside the process.
# Exit 0 only with no unexpected answer and flat resources after a 2-minute warm-up.
#
#   ./mvnw -B -q -o -DskipTests package -pl turnpike-bench,turnpike-cli -am
#   turnpike-bench/scripts/soak.sh                          # 1 instance, SQLite, 10 min, 50 %
#   INSTANCES=3 turnpike-bench/scripts/soak.sh              # 3 instances, PostgreSQL
#   MINUTES=1 LOAD=0.5 OUT=/tmp/soak turnpike-bench/scripts/soak.sh
#
# Results in $OUT (default /tmp/turnpike-soak-N): summary.md, soak.csv, samples.csv, soak.svg, the gateways' logs.
# Needs nginx and, for INSTANCES > 1, PostgreSQL's server binaries.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
INSTANCES=${INSTANCES:-1}
MINUTES=${MINUTES:-10}
LOAD=${LOAD:-0.5}
STORE=${STORE:-$([[ $INSTANCES -gt 1 ]] && echo postgres || echo sqlite)}
OUT=${OUT:-/tmp/turnpike-soak-$INSTANCES}
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar=$root/turnpike-bench/target/benchmarks.jar
[[ -f $jar ]] || { echo "build first: ./mvnw -B -q -DskipTests package -pl turnpike-bench,turnpike-cli -am" >&2; exit 2; }

rm -rf "$OUT"; mkdir -m 700 -p "$OUT"
work=$OUT
source "$here/gateways.sh"
trap stop_everything EXIT
trap 'exit 130' INT TERM

start_upstream
[[ $STORE == postgres ]] && start_postgres
instances=()
for ((n = 1; n <= INSTANCES; n++)); do
    start_gateway "$n" "$STORE"
    instances+=(--instance "http://127.0.0.1:1840$n,${GW_KEY[$n]},${GW_PID[$n]},$work/gw$n.gc.log")
done
echo "soak: $INSTANCES instance(s) on $STORE, $MINUTES min at $LOAD of the maximum; results in $OUT"
"$java" -Xmx1g -cp "$jar" dev.turnpike.bench.soak.Soak --minutes "$MINUTES" --load "$LOAD" --out "$OUT" \
    "${instances[@]}"
