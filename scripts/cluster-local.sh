#!/usr/bin/env bash
# Three Aegis nodes in cluster mode on loopback behind nginx, and the kill drill of issue 6 on them.
#   scripts/cluster-local.sh start                  fresh database, Kafka, 3 nodes on 18081-18083, nginx on 18080
#   scripts/cluster-local.sh status                 what runs, and where
#   scripts/cluster-local.sh stop                   stops nginx and the nodes (Kafka, shared with the tests, stays)
#   scripts/cluster-local.sh drill [tasks] [events] start afresh, then: tasks through nginx and events into Kafka,
#                                                   node 2 killed with kill -9 at 40 % of the tasks, every task and
#                                                   event counted (defaults 50000 50000); exit 1 unless exact
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Redis on 127.0.0.1:6379 and nginx (deploy/nginx
# installs it when missing); Kafka is started with scripts/kafka-local.sh. Each start makes a new database, topic
# prefix and Redis key prefix, so runs never see each other's data.
# Environment: AEGIS_CLUSTER_DIR (/tmp/aegis-cluster: configuration, logs, pids, node data), AEGIS_CLUSTER_KEY (the
# nodes' bootstrap admin key, dev-secret-key), AEGIS_CLUSTER_HEAP (each node's heap, 1g), AEGIS_JAVA_OPTS (more JVM
# options for the nodes), AEGIS_DRILL_CLIENTS (submitting clients, 64), AEGIS_DRILL_SETTLE (seconds the drill
# waits for the last task and event to be done, 600).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/.mvn/jdk.sh"

dir=${AEGIS_CLUSTER_DIR:-/tmp/aegis-cluster}
key=${AEGIS_CLUSTER_KEY:-dev-secret-key}
heap=${AEGIS_CLUSTER_HEAP:-1g}
jar="$root/aegis-server/target/aegis.jar"
nginx_url=http://127.0.0.1:18080
ports=(18081 18082 18083)
kafka=127.0.0.1:19092

say() { printf '%s\n' "$*"; }
fail() { printf 'cluster-local: %s\n' "$*" >&2; exit 1; }

answering() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_services() {
  pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL is not answering on 127.0.0.1:5432 (user postgres, trust)"
  answering 6379 || fail "Redis is not answering on 127.0.0.1:6379"
}

# A new empty database and fresh prefixes for this start; remembered in $dir/run.env for status and drill.
new_run() {
  local stamp
  stamp=$(date -u +%Y%m%d%H%M%S)
  cat > "$dir/run.env" <<ENV
database=aegis_local_$stamp
prefix=local-$stamp.
redis_prefix=aegis-local-$stamp:
ENV
  . "$dir/run.env"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $database" \
    || fail "could not create database $database"
}

write_config() {
  cat > "$dir/cluster.yaml" <<YAML
# Written by scripts/cluster-local.sh: the same file on every node; each node's port, data folder and audit chain
# come from AEGIS_SERVER_PORT, AEGIS_SERVER_DATA_DIR and AEGIS_AUDIT_ENVIRONMENT.
server:
  host: 127.0.0.1
  shutdown_grace: 5s
tasks:
  workers:
    lease: 10s
    heartbeat: 2s
cluster:
  enabled: true
  postgres:
    url: jdbc:postgresql://127.0.0.1:5432/$database
    user: postgres
    password: ""
    orphan_age: 10s
  redis:
    uri: redis://127.0.0.1:6379
    key_prefix: "$redis_prefix"
  kafka:
    bootstrap_servers: $kafka
    topic_prefix: "$prefix"
    partitions: 12
    replication_factor: 1
    tasks:
      enabled: true
    stream:
      enabled: true
      tenant: default
YAML
}

build_jar() {
  # ./aegis builds the jar when it is missing or older than a source; --version then only prints.
  "$root/aegis" --version > /dev/null
}

start_node() {
  local n=$1 port=${ports[$1 - 1]}
  mkdir -p "$dir/node-$n"
  # shellcheck disable=SC2086 # AEGIS_JAVA_OPTS is a list of options
  AEGIS_SERVER_PORT=$port AEGIS_SERVER_DATA_DIR="$dir/node-$n" AEGIS_AUDIT_ENVIRONMENT="node-$n" \
    AEGIS_BOOTSTRAP_KEY="$key" nohup "$JAVA_HOME/bin/java" -XX:+UseZGC "-Xmx$heap" ${AEGIS_JAVA_OPTS:-} \
    -jar "$jar" serve --config "$dir/cluster.yaml" > "$dir/node-$n.log" 2>&1 < /dev/null &
  echo $! > "$dir/node-$n.pid"
  disown $!
}

await_ready() {
  local n=$1 port=${ports[$1 - 1]}
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/ready"; then
      say "node $n ready on 127.0.0.1:$port (pid $(cat "$dir/node-$n.pid"), log $dir/node-$n.log)"
      return
    fi
    kill -0 "$(cat "$dir/node-$n.pid")" 2>/dev/null || { tail -n 20 "$dir/node-$n.log" >&2; fail "node $n stopped"; }
    sleep 0.5
  done
  fail "node $n not ready on 127.0.0.1:$port within 120 s; see $dir/node-$n.log"
}

start() {
  mkdir -p "$dir"
  if [ -f "$dir/node-1.pid" ] && kill -0 "$(cat "$dir/node-1.pid")" 2>/dev/null; then
    fail "a cluster started from $dir is running; stop it first (scripts/cluster-local.sh stop)"
  fi
  check_services
  "$root/scripts/kafka-local.sh" start
  build_jar
  rm -rf "$dir"/node-*
  new_run
  write_config
  for n in 1 2 3; do start_node "$n"; done
  for n in 1 2 3; do await_ready "$n"; done
  "$root/deploy/nginx/start-local.sh" "$dir/nginx"
  curl -fs -o /dev/null "$nginx_url/health" || fail "nginx does not answer on $nginx_url"
  say "cluster up: $nginx_url (key $key), database $database, topics $prefix*, Redis keys $redis_prefix*"
}

stop() {
  "$root/deploy/nginx/stop-local.sh" "$dir/nginx" || true
  for n in 1 2 3; do
    local pidfile="$dir/node-$n.pid"
    [ -f "$pidfile" ] || continue
    local pid
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      say "node $n stopped"
    fi
    rm -f "$pidfile"
  done
  say "Kafka keeps running (scripts/kafka-local.sh stop); the database stays for inspection"
}

status() {
  [ -f "$dir/run.env" ] && . "$dir/run.env" && say "run: database $database, topics $prefix*, Redis $redis_prefix*"
  for n in 1 2 3; do
    local port=${ports[$n - 1]} pid=""
    [ -f "$dir/node-$n.pid" ] && pid=$(cat "$dir/node-$n.pid")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      say "node $n: pid $pid, /ready $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready")"
    else
      say "node $n: not running"
    fi
  done
  say "nginx: $(curl -s -o /dev/null -w '%{http_code}' "$nginx_url/health" || true) on $nginx_url/health"
  "$root/scripts/kafka-local.sh" status || true
}

# Compiles the drill (aegis-server's test sources that need only the runnable jar) into $dir/drill.
compile_drill() {
  local sources="$root/aegis-server/src/test/java/dev/aegis/server"
  rm -rf "$dir/drill" && mkdir -p "$dir/drill"
  "$JAVA_HOME/bin/javac" --release 21 -nowarn -Xlint:none -cp "$jar" -d "$dir/drill" \
    "$sources/ClusterDrill.java" "$sources/TaskSubmissions.java" "$sources/TaskCounts.java" \
    "$sources/EventDrill.java" "$sources/EventCounts.java" 2>&1 | grep -v '^Note:' >&2 || true
  [ -f "$dir/drill/dev/aegis/server/ClusterDrill.class" ] || fail "the drill did not compile"
}

drill() {
  local tasks=${1:-50000} events=${2:-50000}
  stop > /dev/null
  start
  compile_drill
  . "$dir/run.env"
  say "drill: $tasks tasks through nginx, $events events into ${prefix}events; node 2 (pid $(cat "$dir/node-2.pid"))" \
    "is killed with kill -9 at 40 % of the tasks"
  local status=0 flags=""
  # lz4 (Kafka's compression) loads a native library; JDK 22+ warns about it unless allowed.
  [ "$(aegis_java_major "$JAVA_HOME")" -ge 22 ] 2>/dev/null && flags="--enable-native-access=ALL-UNNAMED"
  # shellcheck disable=SC2086 # flags is empty or one option
  AEGIS_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" $flags -cp "$dir/drill:$jar" dev.aegis.server.ClusterDrill \
    --nginx="$nginx_url" --key="$key" --postgres="jdbc:postgresql://127.0.0.1:5432/$database" \
    --kill-pid="$(cat "$dir/node-2.pid")" --tasks="$tasks" --events="$events" --kafka="$kafka" \
    --topic-prefix="$prefix" --tenant=default --clients="${AEGIS_DRILL_CLIENTS:-64}" \
    --settle="${AEGIS_DRILL_SETTLE:-600}" | tee "$dir/drill.txt" || status=$?
  rm -f "$dir/node-2.pid"
  say "report in $dir/drill.txt; nodes 1 and 3 and nginx keep running (scripts/cluster-local.sh stop)"
  return "$status"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  drill) shift; drill "$@" ;;
  *) echo "usage: $0 start|stop|status|drill [tasks] [events]" >&2; exit 2 ;;
esac
