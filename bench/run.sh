#!/usr/bin/env bash
# Builds the bench module and runs the JMH benchmarks with short defaults (about 9 minutes on
# 2 cores), writes JMH's results under bench/results/ and prints the figures, the ratios against
# the plain-Java reference and the Cedar peer, and which targets are met; then measures cold
# starts of ./drvguard (bench/startup.sh).
#
# Two JMH runs: the main one (decide() on 1 and 2 threads, decideAll of 1,000, check()), and a
# long one (decideAll of 100,000 and rule-base builds, where one operation takes seconds) with
# fewer iterations.
#
# Environment (all optional):
#   BENCH_FORKS (1)  BENCH_WI (3)  BENCH_I (3)  BENCH_W (2s)  BENCH_R (2s)   the main run
#   BENCH_LONG_WI (1)  BENCH_LONG_I (2)                                       the long run
#   BENCH_FILTER         a JMH regexp for the main run    (default: all but the long ones)
#   BENCH_LONG_FILTER    a JMH regexp for the long run    (default: Batch100k|RuleBaseBench; "none" skips it)
#   BENCH_STREAMS_FILTER a JMH regexp for the streams run (default: StreamsBench; "none" skips it;
#                        -wi 6 -i 3 -w 4s -r 4s, about 2.5 minutes: the topology needs the warm-up)
#   BENCH_JMH_ARGS       more JMH options for all runs (e.g. "-prof gc")
#   BENCH_SKIP_BUILD=1   use the jar already built
#   BENCH_STARTUP=0      skip the cold-start measurement (bench/startup.sh, about a minute)
#   DRVGUARD_SHARED      the shared/ directory with corpus/wds/inf_checkout (default: ../shared beside the clone)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
export DRVGUARD_SHARED="${DRVGUARD_SHARED:-$root/../shared}"

forks="${BENCH_FORKS:-1}"
wi="${BENCH_WI:-3}"
i="${BENCH_I:-3}"
w="${BENCH_W:-2s}"
r="${BENCH_R:-2s}"
long_wi="${BENCH_LONG_WI:-1}"
long_i="${BENCH_LONG_I:-2}"
filter="${BENCH_FILTER:-Decide1Thread|Decide2Threads|Batch1k|CheckBench}"
long_filter="${BENCH_LONG_FILTER:-Batch100k|RuleBaseBench}"
streams_filter="${BENCH_STREAMS_FILTER:-StreamsBench}"
extra=(${BENCH_JMH_ARGS:-})

start=$(date +%s)
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "== building (mvn -q -B -DskipTests package -pl bench -am)"
  (cd "$root" && mvn -q -B -DskipTests package -pl bench -am)
fi
jar="$here/target/drvguard-bench.jar"
[ -f "$jar" ] || { echo "run.sh: $jar is missing (build failed?)" >&2; exit 2; }
[ -d "$DRVGUARD_SHARED/corpus/wds/inf_checkout" ] \
  || echo "run.sh: warning: no corpus at $DRVGUARD_SHARED/corpus/wds/inf_checkout; the corpus benchmarks will fail" >&2

ts="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/results"
mkdir -p "$out"
cd "$here"

{
  echo "# drvguard bench run $ts"
  echo "nproc: $(nproc)"
  echo "java: $(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
  echo "os: $(uname -srm)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  echo "main run: -f $forks -wi $wi -i $i -w $w -r $r ${extra[*]:-} '$filter'"
  echo "long run: -f $forks -wi $long_wi -i $long_i -w $w -r $r ${extra[*]:-} '$long_filter'"
} | tee "$out/machine-$ts.txt"

results=()
echo "== JMH main run"
java -jar "$jar" -f "$forks" -wi "$wi" -i "$i" -w "$w" -r "$r" ${extra[@]+"${extra[@]}"} \
  -rf json -rff "$out/jmh-$ts-main.json" "$filter" 2>&1 | tee "$out/jmh-$ts-main.txt"
results+=("$out/jmh-$ts-main.json")

if [ "$long_filter" != "none" ]; then
  echo "== JMH long run"
  java -jar "$jar" -f "$forks" -wi "$long_wi" -i "$long_i" -w "$w" -r "$r" ${extra[@]+"${extra[@]}"} \
    -rf json -rff "$out/jmh-$ts-long.json" "$long_filter" 2>&1 | tee "$out/jmh-$ts-long.txt"
  results+=("$out/jmh-$ts-long.json")
fi

echo "== summary"
java -cp "$jar" io.drvguard.bench.Report "${results[@]}" | tee "$out/summary-$ts.md"

if [ "$streams_filter" != "none" ]; then
  # events through the Kafka Streams topology beside decideAll (bench/README.md, "Streams
  # throughput"); JMH's table goes into the summary as printed
  echo "== JMH streams run"
  java -jar "$jar" -f "$forks" -wi 6 -i 3 -w 4s -r 4s ${extra[@]+"${extra[@]}"} \
    -rf json -rff "$out/jmh-$ts-streams.json" "$streams_filter" 2>&1 | tee "$out/jmh-$ts-streams.txt"
  { echo; echo "### Streams throughput (events/s through the topology, decideAll beside it)"; echo; echo '```';
    sed -n '/^Benchmark /,$p' "$out/jmh-$ts-streams.txt"; echo '```'; } | tee -a "$out/summary-$ts.md"
fi

if [ "${BENCH_STARTUP:-1}" != "0" ]; then
  echo "== cold start (bench/startup.sh)"
  { echo; "$here/startup.sh"; } | tee -a "$out/summary-$ts.md"
fi
echo "run.sh: done in $(( $(date +%s) - start )) s; results in $out"
