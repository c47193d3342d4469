#!/usr/bin/env bash
# Delegated (Bifrost) tokens through the gateway, side by side with nginx's plain proxy, in one run (issue 11):
#   proxy      nginx reverse proxy (18081) to the nginx upstream (18080), no token
#   delegated  the gateway (18083), auth: bifrost, pop: off, one cached delegated token on every request
#   dpop       the gateway (18084), auth: bifrost, pop: required, the token and a fresh DPoP proof on every request
# Interleaved for ROUNDS rounds on GET /, medians and ratios at the end. Pinned as baseline.sh's PIN=1: wrk on
# CPU 0; the upstream, nginx's proxy and both gateways on CPU 1.
#
#   ./mvnw -B -q -o -pl turnpike-bench -am -DskipTests package
#   BENCH=../shared/bench ROUNDS=3 turnpike-bench/scripts/delegated-bench.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=$(cd "${BENCH:-$here/../../../shared/bench}" && pwd)
jar=$(cd "$here/.." && pwd)/target/benchmarks.jar
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ROUNDS=${ROUNDS:-3}
PROOFS=${PROOFS:-200000}
export THREADS=${THREADS:-2} WRK_CPUS=0 IDLE_WAIT=${IDLE_WAIT:-5}
work=$(mktemp -d /tmp/delegated-bench.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    CPUS=1 "$bench/nginx-ctl.sh" stop nginx-proxy || true
    CPUS=1 "$bench/nginx-ctl.sh" stop upstream || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CPUS=1 "$bench/nginx-ctl.sh" start upstream
CPUS=1 "$bench/nginx-ctl.sh" start nginx-proxy
for mode in bifrost:18083 dpop:18084; do
    taskset -c 1 "$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        -Dio.netty.leakDetection.level=disabled -XX:+UseParallelGC -Xms512m -Xmx512m \
        -Dauth="${mode%%:*}" -Dport="${mode#*:}" -cp "$jar" dev.turnpike.bench.proxy.ProxyBenchServer \
        > "$work/${mode%%:*}.out" 2> "$work/${mode%%:*}.err" &
    pids+=($!)
done
for mode in bifrost dpop; do
    for _ in $(seq 60); do grep -q '^APP_SEED=' "$work/$mode.out" && break; sleep 1; done
done
header=$(sed -n 's/^HEADER=//p' "$work/bifrost.out")
export DPOP_TOKEN=$(sed -n 's/^TOKEN=//p' "$work/dpop.out")
seed=$(sed -n 's/^APP_SEED=//p' "$work/dpop.out")
export OWN_PIDS="${pids[*]}"

lines=$work/lines
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
    "$bench/run.sh" http://127.0.0.1:18081/ proxy | tee -a "$lines"
    HEADER="$header" "$bench/run.sh" http://127.0.0.1:18083/ delegated | tee -a "$lines"
    # run.sh's warm-up would send the measured run's proofs first (two wrk runs, one file): warm up on proofs of
    # its own, then measure without run.sh's warm-up
    for part in warmup measured; do
        "$java" -cp "$jar" dev.turnpike.bench.proxy.DelegatedBench http://127.0.0.1:18084/ "$DPOP_TOKEN" "$seed" \
            "$PROOFS" "$work/$part.txt"
    done
    DPOP_PROOFS=$work/warmup.txt taskset -c 0 wrk -t "$THREADS" -c "${CONNS:-64}" -d "${WARMUP:-3s}" \
        -s "$here/dpop.lua" http://127.0.0.1:18084/ > /dev/null
    DPOP_PROOFS=$work/measured.txt WARMUP=0 WRK_ARGS="-s $here/dpop.lua" "$bench/run.sh" http://127.0.0.1:18084/ dpop \
        | tee -a "$lines"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
    function median(s,   a, n, i, j, t) {
        n = split(s, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { rps[$1] = rps[$1] " " $2; p99[$1] = p99[$1] " " $4; err[$1] += $5 }
    END {
        for (l in rps) printf "median %-10s rps %8.0f  p99 %6.3f ms  errors %d\n", l, median(rps[l]), median(p99[l]), err[l]
        printf "ratio delegated/proxy rps %.3f\n", median(rps["delegated"]) / median(rps["proxy"])
        printf "dpop rps %.0f (compare with the JMH one-core ceiling 1e6 / DelegationVerifyBenchmark.proof us)\n", median(rps["dpop"])
    }' "$lines"
