#!/usr/bin/env bash
# The access log's cost (issue 13): ProxyBenchServer with it on (18083) against off (18082), same run, PIN=1
# (wrk on CPU 0, the gateways and nginx on CPU 1), nginx's proxy beside; each gateway its own paid token.
#   ./mvnw -B -q -o -DskipTests package -pl turnpike-bench -am && ROUNDS=3 turnpike-bench/scripts/access-log-bench.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=$here/../target/benchmarks.jar
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
bench=$(cd "${BENCH:-$here/../../../shared/bench}" && pwd)
w=$(mktemp -d /tmp/alb.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; CPUS=1 $bench/nginx-ctl.sh stop upstream >/dev/null 2>&1 || true; rm -rf "$w" /tmp/turnpike-bench-access; }
trap cleanup EXIT
CPUS=1 $bench/nginx-ctl.sh start upstream
for m in off:18082 on:18083; do
  taskset -c 1 $java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dio.netty.leakDetection.level=disabled -XX:+UseParallelGC -Xms512m -Xmx512m \
    -Daccess_log=${m%%:*} -Daccess_log.dir=$w/logs-${m%%:*} -Dport=${m#*:} -cp $jar dev.turnpike.bench.proxy.ProxyBenchServer > $w/${m%%:*}.out 2> $w/${m%%:*}.err &
  pids+=($!)
done
for m in off on; do until grep -q '^HEADER=' $w/$m.out; do sleep 0.5; done; done
toff=$(sed -n 's/^HEADER=Authorization: //p' $w/off.out); ton=$(sed -n 's/^HEADER=Authorization: //p' $w/on.out)
cat > $w/auth.lua <<LUA
init = function(args)
  if wrk.port == "18083" then wrk.headers["Authorization"] = "$ton" else wrk.headers["Authorization"] = "$toff" end
end
LUA
CPUS=1 $bench/nginx-ctl.sh stop upstream
cd $bench
PIN=1 ROUNDS=${ROUNDS:-3} PATHS="/" EXTRA="log_off=http://127.0.0.1:18082 log_on=http://127.0.0.1:18083" OWN_PIDS="${pids[*]}" WRK_ARGS="-s $w/auth.lua" ./baseline.sh
ls -la $w/logs-on/ | head; wc -l $w/logs-on/* | tail -1; head -c 400 $w/logs-on/access-0.log; echo
