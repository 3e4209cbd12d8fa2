#!/usr/bin/env bash
# Dispatch overhead of weft farm against GNU parallel and xargs -P: N `true` tasks on W workers, all
# three in the same run, ROUNDS rounds interleaved (the median is reported, so a noisy neighbour hurts
# every tool alike). weft farm runs with every feature on: results files per task, journal, progress
# lines, retries, a timeout and a memory floor. Prints a Markdown table.
#
#   weft-bench/scripts/farm-vs-peers.sh [N=2000] [W=32] [ROUNDS=3]
set -euo pipefail
n=${1:-2000}
w=${2:-32}
rounds=${3:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
weft="$root/weft"
work=$(mktemp -d "${TMPDIR:-/tmp}/farm-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

command -v parallel >/dev/null || { echo "GNU parallel is missing: apt-get install -y parallel" >&2; exit 1; }
"$weft" --version >/dev/null 2>&1 || { echo "weft does not build or run; try ./weft --version" >&2; exit 1; }
export WEFT_NO_BUILD=1

seconds() { # run "$@", print wall seconds; fail loudly if the tool failed
  local t0 t1
  t0=$(date +%s.%N)
  if ! "$@" >"$work/out.log" 2>&1; then echo "failed: $*" >&2; tail -5 "$work/out.log" >&2; exit 1; fi
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

run_xargs()    { seq "$n" | xargs -P "$w" -n 1 true; }
run_parallel() { seq "$n" | parallel -j "$w" true; }
run_farm()     {
  rm -rf "$work/res"
  "$weft" farm --range "0..$n" -j "$w" --results "$work/res" --progress plain --progress-interval 1s \
    --retries 2 --timeout 10m --memfree 64M -- true
}
check_farm() { # outside the timing: every task is in the journal as done, with its log files
  [ "$(grep -c $'^F\t.*\tok\t' "$work/res/journal.tsv")" = "$n" ] || { echo "journal incomplete" >&2; exit 1; }
  [ "$(find "$work/res" -name '*.err' | wc -l)" = "$n" ] || { echo "results incomplete" >&2; exit 1; }
}
run_farm_bare() { "$weft" farm --range "0..$n" -j "$w" --stream --progress none -- true; }

declare -A times
tools=(xargs parallel farm farm_bare)
for r in $(seq "$rounds"); do
  for t in "${tools[@]}"; do
    times[$t]+="$(seconds "run_$t") "
    if [ "$t" = farm ]; then check_farm; fi
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A med
for t in "${tools[@]}"; do med[$t]=$(echo "${times[$t]}" | median); done

echo "Dispatch of $n \`true\` tasks on $w workers; median of $rounds interleaved rounds (wall seconds)."
echo "Machine: $(nproc) cores, $(uname -sr), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| tool | command | median s | all rounds s | vs xargs | parallel / tool |"
echo "|---|---|---:|---|---:|---:|"
row() {
  set -- "$1" "${2//|/\\|}" "$3"
  printf '| %s | `%s` | %.2f | %s | %.2fx | %.1fx |\n' "$1" "$2" "${med[$3]}" "$(for x in ${times[$3]}; do printf '%.2f ' "$x"; done)" \
    "$(echo "${med[$3]} / ${med[xargs]}" | bc -l)" "$(echo "${med[parallel]} / ${med[$3]}" | bc -l)"
}
row "xargs" "seq $n | xargs -P $w -n 1 true" xargs
row "GNU parallel $(parallel --version 2>/dev/null | head -1 | awk '{print $3}')" "seq $n | parallel -j $w true" parallel
row "weft farm, every feature" "weft farm --range 0..$n -j $w --results DIR --progress plain --progress-interval 1s --retries 2 --timeout 10m --memfree 64M -- true" farm
row "weft farm, bare" "weft farm --range 0..$n -j $w --stream --progress none -- true" farm_bare
