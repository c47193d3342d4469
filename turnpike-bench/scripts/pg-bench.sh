#!/usr/bin/env bash
# Gateways on PostgreSQL beside SQLite, in one run (issue 12), interleaved for ROUNDS rounds with the shared wrk
# harness (../shared/bench/run.sh), medians at the end:
#   paid-sqlite / paid-pg      GET /paid/item with a paid token, one gateway on SQLite / on PostgreSQL
#   402-sqlite  / 402-pg       GET /paid/item without one: every answer mints a challenge (an invoice, a ledger row)
#   lb-one / lb-two            the paid request through nginx (docs/examples/nginx-load-balancer.conf, run as
#                              written but on loopback) in front of one / two gateways sharing PostgreSQL
# then Bifrost login cycles/s (open, approve, fetch the token; 16 apps at once) on SQLite and across the two
# PostgreSQL gateways. Unpinned: 2 threads of wrk, 64 connections.
#
#   ./mvnw -B -q -o -DskipTests package -pl turnpike-bench,turnpike-cli -am
#   ROUNDS=5 turnpike-bench/scripts/pg-bench.sh      (after WARMUP_ROUNDS=1 unmeasured round)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bench=$(cd "${BENCH:-$root/../shared/bench}" && pwd)
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar=$root/turnpike-bench/target/benchmarks.jar
ROUNDS=${ROUNDS:-3}
CYCLE_SECONDS=${CYCLE_SECONDS:-20}
export IDLE_WAIT=${IDLE_WAIT:-5}
work=$(mktemp -d /tmp/pg-bench.XXXXXX)
source "$here/gateways.sh"
cleanup() {
    for f in "$work"/lb*/nginx.pid; do [[ -f $f ]] && kill -QUIT "$(cat "$f")" 2>/dev/null || true; done
    stop_everything
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# nginx on PORT in front of the gateways listed, from the documented example
start_lb() {
    local name=$1 port=$2; shift 2
    mkdir -p "$work/$name/tmp"
    local servers="" s
    for s in "$@"; do servers+="    server $s max_fails=2 fail_timeout=5s;\n"; done
    sed -e '/^    server 10\.0\.0\./d' -e "s|^    keepalive 64;|$servers    keepalive 64;|" \
        -e "s|^    listen 443 ssl;|    listen 127.0.0.1:$port;|" -e '/http2 on;/d' -e '/ssl_certificate/d' \
        "$root/docs/examples/nginx-load-balancer.conf" > "$work/$name/turnpike.conf"
    printf 'worker_processes 1;\npid nginx.pid;\nerror_log error.log warn;\nevents { worker_connections 4096; }\n%s\n' \
        "http { access_log off; client_body_temp_path tmp; proxy_temp_path tmp; include turnpike.conf; }" \
        > "$work/$name/nginx.conf"
    nginx -p "$work/$name" -c "$work/$name/nginx.conf"
}

start_upstream
start_postgres
start_gateway 1 sqlite
start_gateway 2 postgres
start_gateway 3 postgres
start_lb lb-one 18096 127.0.0.1:18402
start_lb lb-two 18097 127.0.0.1:18402 127.0.0.1:18403
sqlite_token=$("$java" -cp "$jar" dev.turnpike.bench.soak.BenchClient token http://127.0.0.1:18401 "${GW_KEY[1]}")
pg_token=$("$java" -cp "$jar" dev.turnpike.bench.soak.BenchClient token http://127.0.0.1:18402 "${GW_KEY[2]}")
results=$work/results
# WARMUP_ROUNDS (default 1) unmeasured rounds first: each JVM compiles its hot paths under the same load
for ((r = 1 - ${WARMUP_ROUNDS:-1}; r <= ROUNDS; r++)); do
    ((r >= 1)) || results=$work/warmup
    HEADER="Authorization: $sqlite_token" "$bench/run.sh" http://127.0.0.1:18401/paid/item paid-sqlite >> "$results"
    HEADER="Authorization: $pg_token" "$bench/run.sh" http://127.0.0.1:18402/paid/item paid-pg >> "$results"
    "$bench/run.sh" http://127.0.0.1:18401/paid/item 402-sqlite >> "$results"
    "$bench/run.sh" http://127.0.0.1:18402/paid/item 402-pg >> "$results"
    HEADER="Authorization: $pg_token" "$bench/run.sh" http://127.0.0.1:18096/paid/item lb-one >> "$results"
    HEADER="Authorization: $pg_token" "$bench/run.sh" http://127.0.0.1:18097/paid/item lb-two >> "$results"
    results=$work/results
done
echo "label median_rps p50_ms p99_ms (runs: rps of each, in order)"
for label in paid-sqlite paid-pg 402-sqlite 402-pg lb-one lb-two; do
    rounds=$(awk -v l="$label" '$1 == l {printf "%s%s", sep, $2; sep=" "}' "$results")
    awk -v l="$label" '$1 == l {print $2, $3, $4}' "$results" | sort -n | awk -v l="$label" -v rounds="$rounds" \
        '{r[NR]=$1; p50[NR]=$2; p99[NR]=$3} END {m=int((NR+1)/2); printf "%s %s %s %s (%d: %s)\n", l, r[m], p50[m], p99[m], NR, rounds}'
done
median() { awk -v l="$1" '$1 == l {print $2}' "$results" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
awk -v a="$(median paid-pg)" -v b="$(median paid-sqlite)" 'BEGIN {printf "paid: postgres/sqlite %.2fx\n", a/b}'
awk -v a="$(median 402-pg)" -v b="$(median 402-sqlite)" 'BEGIN {printf "challenges: postgres/sqlite %.2fx\n", a/b}'
awk -v a="$(median lb-two)" -v b="$(median lb-one)" 'BEGIN {printf "nginx: two gateways/one %.2fx\n", a/b}'
echo "bifrost cycles/s, sqlite: $("$java" -cp "$jar" dev.turnpike.bench.soak.BenchClient cycles "$CYCLE_SECONDS" \
    "http://127.0.0.1:18401,${GW_KEY[1]}")"
echo "bifrost cycles/s, postgres (two gateways): $("$java" -cp "$jar" dev.turnpike.bench.soak.BenchClient cycles \
    "$CYCLE_SECONDS" "http://127.0.0.1:18402,${GW_KEY[2]}" "http://127.0.0.1:18403,${GW_KEY[3]}")"
