#!/usr/bin/env bash
# Cold-start wall time of ./drvguard, median of N runs as /usr/bin/time measures them (each run a
# new JVM): one example package, and the whole inf_checkout corpus; with the build's AOT cache
# (JDK 25) when there is one, and without it (plain JDK 17); and with an external rule folder
# whose compiled form is in the rule cache. Then the same package with the self-contained Linux
# image (dist: its own jlink runtime and start-up cache, run with no java on PATH and no
# JAVA_HOME) and with the release archive on the system's java. Prints a Markdown table; exits 0
# whatever the figures.
#   STARTUP_RUNS (10)   DRVGUARD_SHARED (../shared beside the clone)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${DRVGUARD_SHARED:-$root/../shared}"
runs="${STARTUP_RUNS:-10}"
corpus="$shared/corpus/wds/inf_checkout"

# build first, so that no measured run includes the launcher's rebuild
"$root/drvguard" --version >/dev/null
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)
image="$root/dist/target/image/drvguard-$version-linux-x64"
archive="$root/dist/target/drvguard-$version/drvguard-$version"
if [ ! -x "$image/bin/drvguard" ] || [ "$root/cli/target/drvguard-cli.jar" -nt "$image/lib/drvguard.jar" ]; then
  (cd "$root" && mvn -q -B -DskipTests -Dmaven.javadoc.skip=true package -pl dist -am) >/dev/null 2>&1 \
    || echo "startup: building the release image failed; its rows are skipped" >&2
fi
launcher="$root/drvguard"
run_env=()   # env(1) arguments for the measured command only

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
measure() {  # label, target seconds (or -), then the drvguard arguments; env from the caller
  local label="$1" target="$2"; shift 2
  local times=() tf; tf=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tf" -f "%e" env "${run_env[@]}" "$launcher" "$@" >/dev/null 2>&1
    times+=("$(tail -n 1 "$tf")")
  done
  rm -f "$tf"
  local m; m=$(printf '%s\n' "${times[@]}" | median)
  local met="-"
  if [ "$target" != "-" ]; then
    met=$(awk -v m="$m" -v t="$target" 'BEGIN {print (m <= t) ? "met" : "not met"}')
    target="≤ $target s"
  fi
  printf '| %s | %s s | %s | %s | %s |\n' "$label" "$m" "$(printf '%s ' "${times[@]}")" "$target" "$met"
}

aot="no AOT cache (JDK 25 not found at build time)"
[ -f "$root/cli/target/drvguard.aot" ] && aot="AOT cache by $(cat "$root/cli/target/drvguard.aot.java")"
echo "### Cold start ($runs runs each, median; $aot)"
echo
echo "| command | median wall | all runs (s) | target | |"
echo "|---|---|---|---|---|"
measure "check examples/toastbus-fixed" 0.5 check "$root/examples/toastbus-fixed"
if [ -d "$corpus" ]; then
  measure "check inf_checkout (138 INF files)" 1.5 check "$corpus"
else
  echo "| check inf_checkout | skipped: no $corpus | | ≤ 1.5 s | |"
fi
# the first run of this folder fills the rule cache; the measured runs find it there
"$root/drvguard" check --rules "$root/docs/examples/acme-rules" "$root/examples/toastbus-fixed" >/dev/null 2>&1
measure "check --rules docs/examples/acme-rules (cached)" - check --rules "$root/docs/examples/acme-rules" "$root/examples/toastbus-fixed"
DRVGUARD_AOT=off measure "check examples/toastbus-fixed, JDK 17 without AOT cache" - check "$root/examples/toastbus-fixed"
if [ -d "$corpus" ]; then
  DRVGUARD_AOT=off measure "check inf_checkout, JDK 17 without AOT cache" - check "$corpus"
fi
if [ -x "$image/bin/drvguard" ]; then
  # no java anywhere but the image's own runtime
  nojava=$(mktemp -d)
  for tool in ls sed dirname; do ln -s "$(command -v "$tool")" "$nojava/$tool"; done
  launcher="$image/bin/drvguard"
  run_env=(-u JAVA_HOME PATH="$nojava")
  measure "release image (Linux x64, $(head -c 40 "$image/lib/runtime.txt")…): check examples/toastbus-fixed" 0.5 check "$root/examples/toastbus-fixed"
  if [ -d "$corpus" ]; then
    measure "release image: check inf_checkout" 1.5 check "$corpus"
  fi
  rm -rf "$nojava"
  run_env=()
else
  echo "| release image | skipped: not built (Linux x64 only) | | ≤ 0.5 s | |"
fi
if [ -x "$archive/bin/drvguard" ]; then
  launcher="$archive/bin/drvguard"
  measure "release archive on $(java -version 2>&1 | head -n 1): check examples/toastbus-fixed" - check "$root/examples/toastbus-fixed"
fi
