# Sourced by soak.sh and pg-bench.sh: starts what a run needs on loopback and stops exactly that on exit.
#   start_upstream                nginx on 18090 answering 200 to every path (soak-upstream.conf)
#   start_postgres                a throwaway PostgreSQL cluster (as the postgres user when root); sets PG_URL
#   start_gateway N sqlite|postgres [JAVA_OPTS]
#                                 `turnpike serve` as instance N: proxy 1840N, admin 1850N, data in $work/gwN,
#                                 a paid service (/paid, 1 sat) and a delegated one (/delegated, DPoP) in front
#                                 of the upstream; waits for it and sets GW_PID[N], GW_KEY[N] (its dev wallet)
# Needs: $root (the repository), $work (the run's folder). Everything stops by its own pid or pid file.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
declare -a GW_PID GW_KEY
pg_dir=""

stop_everything() {
    for p in "${GW_PID[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${GW_PID[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
    [[ -f "$work/nginx/nginx.pid" ]] && kill -QUIT "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
    if [[ -n "$pg_dir" ]]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true
        rm -rf "$pg_dir"; fi
}

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start_upstream() {
    mkdir -p "$work/nginx/tmp"
    nginx -p "$work/nginx" -c "$root/turnpike-bench/scripts/soak-upstream.conf"
}

start_postgres() {
    pg_dir=$(mktemp -d /tmp/turnpike-pg.XXXXXX)
    local port; port=$(free_port)
    [[ $(id -u) -eq 0 ]] && chown postgres "$pg_dir"
    printf 'soak-%s' "$RANDOM$RANDOM" > "$work/db.password"; chmod 600 "$work/db.password"
    cp "$work/db.password" "$pg_dir/pw"; [[ $(id -u) -eq 0 ]] && chown postgres "$pg_dir/pw"
    as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U turnpike --pwfile="$pg_dir/pw" --auth-host=scram-sha-256 \
        --auth-local=trust -E UTF8 >/dev/null
    printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\nmax_connections = 200\n" \
        "$port" "$pg_dir" >> "$pg_dir/data/postgresql.conf"
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w start >/dev/null
    as_postgres "$pg_bin/createdb" -h "$pg_dir" -p "$port" -U turnpike turnpike
    PG_URL="postgresql://turnpike@127.0.0.1:$port/turnpike"
}

store_section() {
    if [[ $1 == postgres ]]; then
        printf 'store:\n  backend: postgres\n  url: %s\n  password_file: %s\n' "$PG_URL" "$work/db.password"
    else
        printf 'store:\n  backend: sqlite\n'
    fi
}

start_gateway() {
    local n=$1 store=$2 opts=${3:-}
    local dir="$work/gw$n"
    mkdir -m 700 -p "$dir"
    cat > "$work/gw$n.yaml" <<YAML
listen: 127.0.0.1:1840$n
data_dir: $dir
trusted_proxies: [127.0.0.1]       # the load balancer of pg-bench.sh
admin: {enabled: true, listen: 127.0.0.1:1850$n}
lightning: {backend: embedded, network: regtest, dev_wallet_api: {enabled: true, prefix: /devwallet}}
$(store_section "$store")
bifrost:
  enabled: true
  public_base_url: 'http://127.0.0.1:1840$n'
  rate_limits: {sessions_per_ip: {enabled: false}, sessions_per_key: {enabled: false}}
rate_limits: {challenges_per_ip: {enabled: false}, requests_per_token: {enabled: false}}
client_connections: {max_per_network: 100000}
services:
  - name: paid
    match: {path: '/paid(/.*)?'}
    upstream: http://127.0.0.1:18090
    auth: l402
    price_sats: 1
    token_lifetime: 1d
  - name: delegated
    match: {path: '/delegated(/.*)?'}
    upstream: http://127.0.0.1:18090
    auth: bifrost
    pop: required
    rules:
      - {method: GET, path: /delegated/item}
YAML
    TURNPIKE_JAVA_OPTS="-Xms256m -Xmx256m -Xlog:gc:file=$work/gw$n.gc.log $opts" \
        "$root/turnpike" serve -c "$work/gw$n.yaml" > "$work/gw$n.out" 2> "$work/gw$n.err" &
    GW_PID[$n]=$!
    local deadline=$((SECONDS + 90))
    until grep -q '^wallet-key: ' "$work/gw$n.out" 2>/dev/null; do
        if ! kill -0 "${GW_PID[$n]}" 2>/dev/null || ((SECONDS > deadline)); then
            echo "gateway $n did not start:" >&2; cat "$work/gw$n.out" "$work/gw$n.err" >&2; return 1
        fi
        sleep 0.3
    done
    GW_KEY[$n]=$(sed -n 's/^wallet-key: //p' "$work/gw$n.out" | head -1)
}
