#!/usr/bin/env bash
# The access log's cost (issue 13), on `turnpike serve` as users run it: three gateways, each with its own paid
# token, on CPU 1 with their upstream (an nginx answering 200 "ok" on 18090), wrk on CPU 0, in the same run as the
# shared harness's nginx proxy (baseline.sh, PIN=1):
#   log_off     access_log: {enabled: false}
#   log_stream  the default: one line per request on serve's log stream (stderr, JSON), here into a file
#   log_file    access_log: {file: …}: one JSON line per request in an owner-only file
#   ./mvnw -B -q -o -DskipTests package -pl turnpike-bench,turnpike-cli -am && ROUNDS=5 turnpike-bench/scripts/access-log-bench.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=$root/turnpike-bench/target/benchmarks.jar
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
bench=$(cd "${BENCH:-$root/../shared/bench}" && pwd)
w=$(mktemp -d /tmp/alb.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
    [[ -f $w/nginx/nginx.pid ]] && kill -QUIT "$(cat "$w/nginx/nginx.pid")" 2>/dev/null || true
    rm -rf "$w"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$w/nginx/tmp"
taskset -c 1 nginx -p "$w/nginx" -c "$here/soak-upstream.conf"

# gateway NAME PORT ACCESS_LOG_YAML: `serve` on CPU 1; prints its token's Authorization value when it answers
gateway() {
    local name=$1 port=$2 access=$3 dir=$w/$1
    mkdir -m 700 -p "$dir/data"
    cat > "$dir/gw.yaml" <<YAML
listen: 127.0.0.1:$port
data_dir: $dir/data
admin: {enabled: false}
lightning: {backend: embedded, network: regtest, dev_wallet_api: {enabled: true, prefix: /devwallet}}
rate_limits: {challenges_per_ip: {enabled: false}, requests_per_token: {enabled: false}}
$access
services:
  - name: paid
    match: {path: '/.*'}
    upstream: http://127.0.0.1:18090
    auth: l402
    price_sats: 1
    token_lifetime: 1d
YAML
    TURNPIKE_JAVA_OPTS="-Xms512m -Xmx512m -XX:+UseParallelGC" taskset -c 1 "$root/turnpike" serve --log-format json \
        -c "$dir/gw.yaml" > "$dir/out" 2> "$dir/log" &
    pids+=($!)
}
gateway off 18082 "access_log: {enabled: false}"
gateway stream 18083 ""
gateway file 18084 "access_log: {file: $w/file/access.log}"
declare -A token
for name in off stream file; do
    until grep -q '^wallet-key: ' "$w/$name/out" 2>/dev/null; do sleep 0.3; done
    port=$(sed -n 's/^listening: .*:\([0-9]*\)$/\1/p' "$w/$name/out" | head -1)
    token[$port]=$("$java" -cp "$jar" dev.turnpike.bench.soak.BenchClient token "http://127.0.0.1:$port" \
        "$(sed -n 's/^wallet-key: //p' "$w/$name/out" | head -1)")
done
cat > "$w/auth.lua" <<LUA
local tokens = {["18082"] = "${token[18082]}", ["18083"] = "${token[18083]}", ["18084"] = "${token[18084]}"}
init = function(args) if tokens[wrk.port] then wrk.headers["Authorization"] = tokens[wrk.port] end end
LUA
java_pids=$(for p in "${pids[@]}"; do pgrep -P "$p" || true; done | tr '\n' ' ')
cd "$bench"
PIN=1 ROUNDS=${ROUNDS:-5} PATHS="/" OWN_PIDS="${pids[*]} $java_pids" WRK_ARGS="-s $w/auth.lua" \
    EXTRA="log_off=http://127.0.0.1:18082 log_stream=http://127.0.0.1:18083 log_file=http://127.0.0.1:18084" \
    ./baseline.sh
echo "# lines written: stream $(grep -c '"logger":"turnpike.access"' "$w/stream/log"), file $(wc -l < "$w/file/access.log")"
grep '"logger":"turnpike.access"' "$w/stream/log" | tail -1
