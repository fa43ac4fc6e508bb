# Sourced by ./mvnw, ./aegis and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Keeps a JAVA_HOME that is already new enough; otherwise takes the newest JDK under /usr/lib/jvm.
aegis_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(aegis_java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  aegis_best=""
  aegis_best_major=0
  for aegis_home in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$aegis_home/bin/javac" ] || continue
    aegis_major=$(aegis_java_major "$aegis_home")
    if [ "${aegis_major:-0}" -gt "$aegis_best_major" ] 2>/dev/null; then
      aegis_best=$aegis_home
      aegis_best_major=$aegis_major
    fi
  done
  if [ "$aegis_best_major" -lt 21 ]; then
    echo "Aegis needs a JDK 21 or newer; none found under /usr/lib/jvm. Set JAVA_HOME." >&2
    exit 1
  fi
  JAVA_HOME=$aegis_best
  export JAVA_HOME
fi
# Maven's own Guice calls sun.misc.Unsafe, which JDK 23+ warns about on every build unless allowed.
if [ "$(aegis_java_major "$JAVA_HOME")" -ge 23 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"; export MAVEN_OPTS ;;
  esac
fi
