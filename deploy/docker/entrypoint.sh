#!/bin/sh
# Entrypoint of the Aegis image: the same JVM flags as ./aegis, without the build step.
#   docker run aegis serve        docker run aegis audit verify        docker run aegis --help
# AEGIS_JAVA_OPTS adds JVM options, e.g. AEGIS_JAVA_OPTS="-XX:MaxRAMPercentage=60".
set -e

# APP_JAR, not AEGIS_*: every AEGIS_* variable must name a configuration key.
jar=${APP_JAR:-/app/aegis.jar}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1)

# protobuf (under CEL) still uses sun.misc.Unsafe; JDK 23+ warns about it at every start unless allowed.
flags=""
if [ "${major:-0}" -ge 23 ] 2>/dev/null; then
  flags="--sun-misc-unsafe-memory-access=allow"
fi

# Generational ZGC (docs/decisions/0004-zgc.md). On JDK 21 generational mode is opt-in; from 23 it is the default
# and the flag is deprecated. A collector chosen in AEGIS_JAVA_OPTS wins.
case "${AEGIS_JAVA_OPTS:-}" in
  *-XX:+Use*GC*) ;;
  *)
    flags="$flags -XX:+UseZGC"
    if [ "${major:-0}" -lt 23 ] 2>/dev/null; then
      flags="$flags -XX:+ZGenerational"
    fi
    ;;
esac

# The heap follows the container's memory limit: 75 % of it, the rest for metaspace, threads and direct buffers.
case "${AEGIS_JAVA_OPTS:-}" in
  *-Xmx*|*MaxRAMPercentage*) ;;
  *) flags="$flags -XX:MaxRAMPercentage=75" ;;
esac

# shellcheck disable=SC2086 # flags and AEGIS_JAVA_OPTS are lists of options, split on purpose
exec "$java" $flags ${AEGIS_JAVA_OPTS:-} -jar "$jar" "$@"
