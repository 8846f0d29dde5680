#!/bin/sh
# Creates Vigil's topics with kafka-topics.sh and sets their configs with kafka-configs.sh, so running it
# again converges existing topics to the listed configs. Every KAFKA_* variable except the scripts' own
# (KAFKA_HEAP_OPTS, KAFKA_OPTS, ...) becomes a client property, as in the apps: KAFKA_SASL_MECHANISM ->
# sasl.mechanism.
set -eu
# VIGIL_KAFKA_BIN and VIGIL_TOPICS_FILE let a test run the script outside the container.
BIN=${VIGIL_KAFKA_BIN:-/opt/kafka/bin}
CLIENT=${TMPDIR:-/tmp}/vigil-client.properties
: > "$CLIENT"
env | grep '^KAFKA_' | grep -Ev '^KAFKA_(BOOTSTRAP_SERVERS|HEAP_OPTS|OPTS|JVM_PERFORMANCE_OPTS|LOG4J_OPTS|JMX_OPTS|GC_LOG_OPTS|DEBUG|REPLICATION_FACTOR|NUM_STANDBY_REPLICAS|STATE_DIR|MAIN_CONSUMER_GROUP_INSTANCE_ID)=' |
  while IFS= read -r line; do
    name=${line%%=*}
    key=$(echo "${name#KAFKA_}" | tr 'A-Z_' 'a-z.')
    printf '%s=%s\n' "$key" "${line#*=}" >> "$CLIENT"
  done
REPLICATION=""
if [ "${VIGIL_TOPICS_REPLICATION_FACTOR:--1}" -gt 0 ]; then
  REPLICATION="--replication-factor $VIGIL_TOPICS_REPLICATION_FACTOR"
fi
grep -v '^#' "${VIGIL_TOPICS_FILE:-/etc/vigil/topics/topics.txt}" | while read -r topic partitions configs; do
  [ -n "$topic" ] || continue
  [ "$partitions" = default ] && partitions="$VIGIL_TOPICS_PARTITIONS"
  # shellcheck disable=SC2086 # REPLICATION is empty or two words
  "$BIN/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$CLIENT" \
    --create --if-not-exists --topic "$topic" --partitions "$partitions" $REPLICATION
  "$BIN/kafka-configs.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$CLIENT" \
    --alter --entity-type topics --entity-name "$topic" --add-config "$configs"
  echo "topic $topic: $partitions partitions, $configs"
done
