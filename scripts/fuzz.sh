#!/usr/bin/env bash
# Fuzzes drvguard's input readers for real with Jazzer (coverage-guided), one target at a time.
# `mvn -B verify` only replays the committed seeds (src/test/resources/**/<Test>Inputs/<method>/);
# this script mutates them for FUZZ_SECONDS each (default 60) and reports what it found.
#
#   scripts/fuzz.sh                    # every target, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh   # ten minutes each
#   scripts/fuzz.sh SddlFuzzTest       # the targets whose class matches
#
# A finding (a crash input) is written by Jazzer next to the seeds, under
# src/test/resources/.../<Test>Inputs/<method>/crash-*; commit it once fixed, so that every build
# replays it. The corpus Jazzer grows is kept in .cifuzz-corpus/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
filter="${1:-}"

targets=(
  "facts:io.drvguard.facts.security.SddlFuzzTest#parse"
  "facts:io.drvguard.facts.ioctl.CtlExpressionFuzzTest#parse"
  "adapters:io.drvguard.adapters.inf.InfReaderFuzzTest#read"
  "adapters:io.drvguard.adapters.DocumentFuzzTest#manifest"
  "adapters:io.drvguard.adapters.DocumentFuzzTest#scenario"
  "library:io.drvguard.library.config.ConfigFuzzTest#load"
)

status=0
for t in "${targets[@]}"; do
  module="${t%%:*}"
  test="${t#*:}"
  if [ -n "$filter" ] && [[ "$test" != *"$filter"* ]]; then
    continue
  fi
  echo "== fuzzing $test for ${seconds}s"
  log=$(mktemp)
  # -am builds the modules it needs in the reactor (nothing is installed); only $test runs
  if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" mvn -B -Ddrvguard.aot.skip=true -pl "$module" -am test \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="${seconds}s" \
      >"$log" 2>&1; then
    grep -E "#[0-9]+.*(DONE|exec/s)" "$log" | tail -1 || true
    echo "   no finding"
  elif grep -q "FuzzTestFinding" "$log"; then
    status=1
    grep -E "FuzzTestFinding|crash-" "$log" | head -5
    echo "   FINDING: see $log"
  else
    status=2
    grep -E "^\[ERROR\]" "$log" | head -5
    echo "   the build or the run failed (no fuzzing result): see $log"
  fi
done
exit "$status"
