#!/usr/bin/env bash
# Bounded memory of `drvguard simulate` and `drvguard check` (issue 6, point 3).
#
# Generates, in a temporary directory, a scenario of MEMORY_STEPS steps (default 1,000,000)
# against examples/toastbus-vulnerable and a tree of MEMORY_PACKAGES copies (default 10,000) of
# that package, runs the CLI jar on them in a JVM with a small heap, once per output format, and
# prints each run's peak RSS (`/usr/bin/time -f %M`) and wall time. Exits 1 when a run's peak RSS
# is above MEMORY_LIMIT_MB (default 512), when a run fails, or when its report does not count
# every step or package.
#
# Environment (all optional):
#   MEMORY_STEPS (1000000)  MEMORY_PACKAGES (10000)  MEMORY_LIMIT_MB (512)
#   MEMORY_XMX (128m)                the JVM's -Xmx
#   MEMORY_FORMATS ("text json sarif junit")
#   MEMORY_SKIP_BUILD=1              use cli/target/drvguard-cli.jar as built
#   MEMORY_KEEP=1                    keep the temporary directory (its path is printed)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
steps="${MEMORY_STEPS:-1000000}"
packages="${MEMORY_PACKAGES:-10000}"
limit_mb="${MEMORY_LIMIT_MB:-512}"
xmx="${MEMORY_XMX:-128m}"
formats="${MEMORY_FORMATS:-text json sarif junit}"
jar="$root/cli/target/drvguard-cli.jar"

if [ ! -x /usr/bin/time ]; then
  echo "memory.sh: /usr/bin/time (GNU time) is needed for the peak RSS" >&2
  exit 2
fi
if [ "${MEMORY_SKIP_BUILD:-0}" != "1" ]; then
  echo "== building (mvn -q -B -DskipTests install -pl cli -am)"
  (cd "$root" && mvn -q -B -DskipTests install -pl cli -am)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/drvguard-memory.XXXXXX")"
if [ "${MEMORY_KEEP:-0}" = "1" ]; then
  echo "== keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# Four steps a round: alice opens a raw PDO (allowed, bound to h1), sends an IOCTL on it
# (allowed), opens a name inside the device's namespace (allowed: the NS-8 hole, one finding),
# and asks pdo1 for DELETE (denied). Every step but the IOCTL expects its decision.
scenario="$work/memory.scenario.yaml"
echo "== generating $steps steps in $scenario"
awk -v n="$steps" -v pkg="$root/examples/toastbus-vulnerable" 'BEGIN {
  print "scenario: memory"
  print "package: \x27" pkg "\x27"
  print "target: win10"
  print "principals:"
  print "  alice: { user: \x27S-1-5-21-1-2-3-1001\x27, groups: [WD, AU, BU, IU] }"
  print "steps:"
  for (i = 1; i <= n; i++) {
    print "  - id: s" i
    k = i % 4
    if (k == 1) {
      print "    open: { as: alice, path: \x27\\Device\\ToastPdo0\x27, access: [FILE_READ_DATA] }"
      print "    handle: h1"
      print "    expect: { decision: allow, requirement: NS-1 }"
    } else if (k == 2) {
      print "    ioctl: { handle: h1, code: IOCTL_TOAST_EJECT }"
    } else if (k == 3) {
      print "    open: { as: alice, path: \x27\\Device\\ToastPdo0\\anything\x27, access: [FILE_READ_DATA] }"
      print "    expect: { decision: allow, requirement: NS-8 }"
    } else {
      print "    open: { as: alice, path: \x27\\Device\\ToastPdo1\x27, access: [DELETE] }"
      print "    expect: { decision: deny, status: STATUS_ACCESS_DENIED }"
    }
  }
}' > "$scenario"

tree="$work/tree"
echo "== generating $packages packages in $tree"
mkdir -p "$tree"
(cd "$tree" && seq -f "p%05g" 1 "$packages" | xargs mkdir -p)
awk -v n="$packages" -v dir="$tree" '
  { lines[NR] = $0 }
  END {
    for (i = 1; i <= n; i++) {
      out = sprintf("%s/p%05d/drvguard.yaml", dir, i)
      for (l = 1; l <= NR; l++) {
        line = lines[l]
        if (line ~ /^  name: toastbus-vulnerable$/) line = "  name: toastbus" i
        print line > out
      }
      close(out)
    }
  }' "$root/examples/toastbus-vulnerable/drvguard.yaml"

# what the reports must count: rounds of four steps, one finding (NS-8) a round; eight
# findings a package (seven errors, one warning)
holes=$(( (steps + 1) / 4 ))
deny=$(( steps / 4 ))
allow=$(( steps - deny ))
p_errors=$(( packages * 7 ))

# counted COMMAND FORMAT REPORT: whether the report counts every step or package
counted() {
  local tail_text
  tail_text="$(tail -c 4000 "$3")"
  case "$1.$2" in
    simulate.text) grep -q "^$steps decisions ($allow allow, $deny deny)" <<<"$tail_text" \
        && grep -q "^$holes findings\{0,1\} ($holes error" <<<"$tail_text" ;;
    simulate.json) grep -q "\"allow\" : $allow," <<<"$tail_text" && grep -q "\"deny\" : $deny\$" <<<"$tail_text" \
        && grep -q "\"error\" : $holes," <<<"$tail_text" ;;
    simulate.sarif) [ "$(grep -c '"ruleId" :' "$3")" -eq "$holes" ] ;;
    simulate.junit) [ "$(grep -c '<testcase classname="memory"' "$3")" -eq "$steps" ] ;;
    check.text) grep -q "^$(( packages * 8 )) findings ($p_errors error, $packages warning, 0 info) in $packages packages" \
        <<<"$tail_text" ;;
    check.json) grep -q "\"error\" : $p_errors," <<<"$tail_text" && grep -q "\"warning\" : $packages," <<<"$tail_text" ;;
    check.sarif) [ "$(grep -c '"ruleId" :' "$3")" -eq "$(( packages * 8 ))" ] ;;
    check.junit) [ "$(grep -c '<testsuite name="toastbus' "$3")" -eq "$packages" ] ;;
    *) return 1 ;;
  esac
}

failed=0
results=()
# run COMMAND FORMAT INPUT: one measured run
run() {
  local command="$1" format="$2" input="$3"
  local out="$work/$command.$format" timing="$work/$command.$format.time"
  set +e
  /usr/bin/time -o "$timing" -f "%M %e" java -Xmx"$xmx" -Ddrvguard.home="$root" -jar "$jar" "$command" "$input" \
    --format "$format" --fail-on never --output "$out" 2> "$work/$command.$format.err"
  local rc=$?
  set -e
  local rss_kb wall
  read -r rss_kb wall < <(tail -n 1 "$timing")
  local rss_mb=$(( (rss_kb + 1023) / 1024 ))
  local verdict=ok
  if [ "$rc" -ne 0 ]; then
    verdict="FAILED (exit $rc: $(head -c 300 "$work/$command.$format.err"))"
  elif [ "$rss_mb" -gt "$limit_mb" ]; then
    verdict="FAILED (peak RSS above ${limit_mb} MB)"
  elif ! counted "$command" "$format" "$out"; then
    verdict="FAILED (the report does not count every step or package)"
  fi
  [ "$verdict" = ok ] || failed=1
  local size_mb=$(( $(stat -c %s "$out" 2>/dev/null || echo 0) / 1048576 ))
  results+=("$(printf '%-9s %-6s %9s MB %9s s %8s MB  %s' "$command" "$format" "$rss_mb" "$wall" "$size_mb" "$verdict")")
  echo "${results[-1]}"
  rm -f "$out"
}

echo "== java: $(java -version 2>&1 | head -n 1); -Xmx$xmx; limit ${limit_mb} MB peak RSS"
printf '%-9s %-6s %12s %11s %11s  %s\n' command format "peak RSS" wall report verdict
for f in $formats; do
  run simulate "$f" "$scenario"
done
for f in $formats; do
  run check "$f" "$tree"
done

echo
echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) $steps steps, $packages packages, -Xmx$xmx, $(nproc) cores"
printf '%s\n' "${results[@]}"
if [ "$failed" -ne 0 ]; then
  echo "memory.sh: FAILED" >&2
  exit 1
fi
echo "memory.sh: every run within ${limit_mb} MB peak RSS"
