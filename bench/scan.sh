#!/usr/bin/env bash
# Source scan speed (issue 11): cold wall time of `drvguard scan` and `drvguard check` on
# Microsoft's Windows-driver-samples tree (WDS_SRC, see docs/sources.md), median of N runs, each a
# new JVM as a user or CI runs it; then `check` on growing parts of the tree (whole top-level
# sample folders, in name order) to show how the time grows with the number of source files.
# Prints Markdown; exits 0 whatever the figures.
#   WDS_SRC (required)   SCAN_RUNS (5)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
src="${WDS_SRC:?set WDS_SRC to the extracted Windows-driver-samples tree (docs/sources.md)}"
runs="${SCAN_RUNS:-5}"

"$root/drvguard" --version >/dev/null   # build first: no measured run includes the launcher's rebuild

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
count() { find "$@" -type f \( -name '*.c' -o -name '*.cpp' -o -name '*.h' -o -name '*.hpp' \) | wc -l; }
measure() {  # the drvguard arguments; prints the median and all runs
  local times=() tf; tf=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tf" -f "%e" "$root/drvguard" "$@" >/dev/null 2>&1
    times+=("$(tail -n 1 "$tf")")
  done
  rm -f "$tf"
  printf '%s | %s' "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s ' "${times[@]}")"
}

files=$(count "$src")
echo "### Source scan, whole tree ($files C/C++ files; $runs runs each, median; $(nproc) cores)"
echo
echo "| command | median wall (s) | all runs (s) | target |"
echo "|---|---|---|---|"
echo "| \`drvguard scan WDS_SRC\` | $(measure scan "$src") | |"
echo "| \`drvguard check WDS_SRC\` (scan + check, INFs included) | $(measure check "$src") | ≤ 5 s |"
echo
echo "### Growth with the number of files (\`drvguard check\`, whole top-level folders)"
echo
echo "| folders | C/C++ files | median wall (s) | all runs (s) |"
echo "|---|---|---|---|"
mapfile -t tops < <(find "$src" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | sort)
n=${#tops[@]}
for frac in 4 2 1; do
  k=$(( (n + frac - 1) / frac ))
  part=("${tops[@]:0:$k}")
  echo "| first $k of $n | $(count "${part[@]}") | $(measure check "${part[@]}") |"
done
