#!/usr/bin/env bash
# Makes cli/target/drvguard.aot, the JDK 25+ ahead-of-time cache that ./drvguard starts with
# (classes loaded and linked, from a training run over the bundled examples). The build runs this
# after packaging the CLI. Without a JDK 25 or newer it says so and exits 0: the cache only makes
# starting faster, and ./drvguard runs without it.
#   DRVGUARD_AOT_JAVA  the java to use (default: the first JDK >= 25 found)
#   DRVGUARD_AOT=off   make no cache
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/cli/target/drvguard-cli.jar"
out="$here/cli/target/drvguard.aot"

if [ "${DRVGUARD_AOT:-}" = off ]; then
  rm -f "$out" "$out.java"; exit 0
fi
# shellcheck source=scripts/aot-java.sh
. "$here/scripts/aot-java.sh"
java25="$(aot_java)" || { echo "aot-cache: no JDK 25 or newer found; ./drvguard will start without an AOT cache" >&2; rm -f "$out" "$out.java"; exit 0; }
[ -f "$jar" ] || { echo "aot-cache: $jar is missing; package the CLI first" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the training run: what a cold start does (read packages and a scenario, build the rule base,
# check and decide); its exit status is the examples' findings, not a failure
(cd "$work" && "$java25" $AOT_JAVA_FLAGS -XX:AOTCacheOutput="$work/drvguard.aot" -Xlog:aot=off -Xlog:cds=off \
    -Ddrvguard.home="$here" -Ddrvguard.cache.dir=off -jar "$jar" \
    check "$here/examples" --format json --output "$work/check.json" >/dev/null 2>"$work/train.err")
status=$?
if [ ! -s "$work/drvguard.aot" ] || [ "$status" -gt 1 ]; then
  echo "aot-cache: the training run failed (exit $status); ./drvguard will start without an AOT cache" >&2
  sed -n 1,20p "$work/train.err" >&2
  rm -f "$out" "$out.java"; exit 0
fi
mv "$work/drvguard.aot" "$out"
# ./drvguard runs the cache with the java that made it (a cache made by one JDK is no use to another)
echo "$java25" > "$out.java"
echo "aot-cache: wrote $out with $java25" >&2
