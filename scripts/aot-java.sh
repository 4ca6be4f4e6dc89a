# Sourced by ./drvguard and scripts/aot-cache.sh: finds a java that can make and use AOT caches
# (JDK 25 or newer) and the flags to run drvguard's dependencies on it quietly.
# The serial collector and no perf-data file: a short single-threaded run starts ~40 ms sooner.
# The cache is made and used with the same flags.
AOT_JAVA_FLAGS="--sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC -XX:-UsePerfData"
java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
aot_java() {
  local c v
  for c in ${DRVGUARD_AOT_JAVA:-} "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/*/bin/java "$(command -v java 2>/dev/null)"; do
    [ -x "$c" ] || continue
    v="$(java_feature "$c")"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$c"; return 0; fi
  done
  return 1
}
