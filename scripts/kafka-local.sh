#!/usr/bin/env bash
# A single-node Kafka broker in KRaft mode (broker and controller in one JVM) on loopback, from the Maven Central
# artifacts that aegis-kafka's tests use: no download besides Maven, no Docker.
#   scripts/kafka-local.sh start | stop | status
# Environment: AEGIS_KAFKA_PORT (19092; the controller listens on the next port), AEGIS_KAFKA_DIR (/tmp/aegis-kafka:
# data, log, pid), AEGIS_KAFKA_HEAP (768m), AEGIS_KAFKA_CLASSPATH (the broker's classpath; resolved with Maven and
# cached in AEGIS_KAFKA_DIR when unset). A broker already answering on the port is reused, so tests and scripts
# share one. Data stays in AEGIS_KAFKA_DIR between runs; delete the folder for an empty broker.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/.mvn/jdk.sh"

port=${AEGIS_KAFKA_PORT:-19092}
controller_port=$((port + 1))
dir=${AEGIS_KAFKA_DIR:-/tmp/aegis-kafka}
heap=${AEGIS_KAFKA_HEAP:-768m}

answering() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

broker_classpath() {
  if [ -n "${AEGIS_KAFKA_CLASSPATH:-}" ]; then
    printf '%s' "$AEGIS_KAFKA_CLASSPATH"
    return
  fi
  if [ ! -s "$dir/classpath" ]; then
    echo "Resolving the broker's classpath with Maven (once)" >&2
    (cd "$root" && ./mvnw -q -B -ntp -pl aegis-kafka -am package -DskipTests dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$dir/classpath" >&2)
  fi
  cat "$dir/classpath"
}

write_properties() {
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
group.consumer.heartbeat.interval.ms=1000
group.consumer.min.heartbeat.interval.ms=500
group.consumer.session.timeout.ms=10000
group.consumer.min.session.timeout.ms=6000
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=24
log.segment.bytes=67108864
PROPS
}

write_logging() {
  cat > "$dir/logback.xml" <<XML
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.apache.kafka" level="WARN"/>
  <logger name="kafka" level="WARN"/>
  <logger name="state.change.logger" level="WARN"/>
  <root level="INFO"><appender-ref ref="out"/></root>
</configuration>
XML
}

start() {
  if answering; then
    echo "Kafka is already answering on 127.0.0.1:$port"
    return
  fi
  mkdir -p "$dir"
  local classpath
  classpath=$(broker_classpath)
  write_properties
  write_logging
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$("$JAVA_HOME/bin/java" -cp "$classpath" "-Dlogback.configurationFile=$dir/logback.xml" \
      kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    "$JAVA_HOME/bin/java" -cp "$classpath" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$dir/server.properties" > "$dir/format.log" 2>&1
  fi
  nohup "$JAVA_HOME/bin/java" -Xms256m "-Xmx$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true "-Dkafka.logs.dir=$dir" \
    "-Dlogback.configurationFile=$dir/logback.xml" -cp "$classpath" kafka.Kafka "$dir/server.properties" \
    > "$dir/broker.log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  for _ in $(seq 1 120); do
    if answering; then
      echo "Kafka answers on 127.0.0.1:$port (pid $(cat "$dir/pid"), log $dir/broker.log)"
      return
    fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "Kafka stopped while starting; the end of $dir/broker.log:" >&2
      tail -n 30 "$dir/broker.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "Kafka did not answer on 127.0.0.1:$port within 60 s; see $dir/broker.log" >&2
  exit 1
}

stop() {
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    kill "$(cat "$dir/pid")"
    for _ in $(seq 1 60); do
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      sleep 0.5
    done
    echo "Kafka stopped"
  else
    echo "No Kafka started from $dir is running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if answering; then echo "Kafka answers on 127.0.0.1:$port"; else echo "Kafka is not answering on 127.0.0.1:$port"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
