#!/usr/bin/env bash
# Build benchmark: for each N (default 1000 10000 100000), generates a site with N events
# (examples/gen_site.rs), checks it, builds it RUNS times and records wall and CPU time, peak
# memory, output size, the time of each stage (AMBASSADE_TIMINGS=1) and the time of copying the
# finished output with `cp -r` (the floor). Also times the example site of the repository.
# Writes the section "run" of benches/RESULTS.md.
#
#   benches/run.sh                 # N = 1000 10000 100000
#   benches/run.sh 1000 10000      # chosen sizes
#   RUNS=5 benches/run.sh 1000     # builds per size (default 3; 1 from 100,000 events: RUNS_LARGE)
#
# Environment: CARGO_TARGET_DIR (default /tmp/target-bench), WORK (default
# /var/tmp/ambassade-bench, on the disk: generated sites and outputs; `--memory` as the first
# argument: /dev/shm), MAX_SECONDS (default 900: a build that
# takes longer is stopped and reported as such), RESULTS (default benches/RESULTS.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
MAX_SECONDS=${MAX_SECONDS:-900}

ensure_time
build_tools
mkdir -p "$WORK"

table=$WORK/run-table.md
stages=$WORK/run-stages.md
: >"$table"
: >"$stages"

# bench LABEL ROOT RUNS EVENTS [rebuild]: builds ROOT RUNS times, each into an empty output
# folder (with `rebuild`: over the previous output, nothing changed, as an editor rebuilds);
# appends a row to both tables.
bench() {
  local label=$1 root=$2 runs=$3 events=$4 mode=${5:-full}
  local out=$WORK/out-$label log=$WORK/log-$label rows=$WORK/rows-$label r
  : >"$rows"
  : >"$log.timings"
  if [ "$mode" = rebuild ]; then
    # Twice: from the second build on, the spare tree beside the output is recycled.
    rm_output "$out"
    "$bin" build --root "$root" --output "$out" --today "$TODAY" >/dev/null 2>&1
    "$bin" build --root "$root" --output "$out" --today "$TODAY" >/dev/null 2>&1
  fi
  for r in $(seq "$runs"); do
    [ "$mode" = rebuild ] || rm_output "$out"
    local m
    if ! m=$(AMBASSADE_TIMINGS=1 measure "$log" timeout "$MAX_SECONDS" "$bin" build --root "$root" \
      --output "$out" --today "$TODAY"); then
      echo "| $label | failed or took over ${MAX_SECONDS} s (see $log) | | | | | | | |" >>"$table"
      return 0
    fi
    echo "$m" >>"$rows"
    grep '^timing: ' "$log" | sed "s/^/$r /" >>"$log.timings"
    echo "  run $r: $m (wall ms, cpu ms, peak KiB)" >&2
  done
  local wall cpu rss files bytes cp
  wall=$(cut -d' ' -f1 "$rows" | median)
  cpu=$(cut -d' ' -f2 "$rows" | median)
  rss=$(cut -d' ' -f3 "$rows" | maximum)
  files=$(find "$out" -type f | wc -l)
  bytes=$(du -sb "$out" | cut -f1)
  # The floor: copying the finished output (page cache warm, as for the build).
  local cps=$WORK/cp-$label
  : >"$cps"
  for r in 1 2 3; do
    rm -rf "$out.copy"
    local t0 t1
    t0=$(date +%s%N)
    cp -r "$out" "$out.copy"
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000)) >>"$cps"
  done
  rm -rf "$out.copy"
  cp=$(median <"$cps")
  local per_event="–"
  [ "$events" -gt 0 ] && per_event=$(awk -v w="$wall" -v n="$events" 'BEGIN { printf "%.0f µs", w * 1000 / n }')
  printf '| %s | %s | %s | %s | %s | %s | %s files, %s | %s | %sx |\n' \
    "$label" "$runs" "$(ms "$wall")" "$(ms "$cpu")" "$(mib "$rss")" "$per_event" \
    "$files" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }')" \
    "$(ms "$cp")" "$(ratio "$wall" "$cp")" >>"$table"
  # Stage medians over the runs, and the peak memory reached at the end of each stage.
  local row="| $label |" s
  for s in load theme+site render write; do
    local t p
    t=$(awk -v s="$s" '$3 == s { print $4 }' "$log.timings" | median)
    p=$(awk -v s="$s" '$3 == s { print $7 }' "$log.timings" | maximum)
    row="$row $(ms "$t") ($(mib "${p:-0}")) |"
  done
  echo "$row" >>"$stages"
  echo "$label: wall $wall ms, cpu $cpu ms, peak $rss KiB, $files files, $bytes bytes, cp -r $cp ms" >&2
}

echo "== example site (content/ of the repository)" >&2
bench example "$repo" "${RUNS_EXAMPLE:-10}" 0
bench example-rebuild "$repo" "${RUNS_EXAMPLE:-10}" 0 rebuild

for n in "${sizes[@]}"; do
  site=$WORK/site-$n
  echo "== $n events: generating $site" >&2
  "$gen" --events "$n" --out "$site" --force
  one_language "$site"
  echo "== $n events: ambassade check" >&2
  if ! "$bin" check --root "$site" --today "$TODAY" >"$WORK/check-$n.log" 2>&1; then
    echo "error: the generated site does not pass check (see $WORK/check-$n.log)" >&2
    tail -n 20 "$WORK/check-$n.log" >&2
    exit 1
  fi
  runs=${RUNS:-3}
  [ "$n" -ge 100000 ] && runs=${RUNS_LARGE:-1}
  echo "== $n events: $runs build(s)" >&2
  bench "$n" "$site" "$runs" "$n"
done

section=$WORK/run-section.md
{
  echo "## Build: time, memory, output, stages"
  echo
  echo "Run on $(date -u +%Y-%m-%d) with \`benches/run.sh ${sizes[*]}\`. Machine:"
  echo
  machine
  echo
  echo "Each build: \`AMBASSADE_TIMINGS=1 /usr/bin/time -v ambassade build --root SITE --output OUT --today $TODAY\`"
  echo "(release build), on a site made by \`cargo run --release --example gen_site -- --events N --out SITE\`"
  echo "in one language (as the peers in section \"compare\"), that passes \`ambassade check\`. Each build"
  echo "into an empty output folder, but \"example-rebuild\": over its previous output, nothing changed."
  echo "Wall and CPU (user + system) time: median of the runs;"
  echo "peak memory: the largest maximum resident set size; \`cp -r\`: median of 3 copies of the"
  echo "finished output (the floor of writing the files); the last column is the build's wall time"
  echo "as a multiple of it."
  echo
  echo "| events | runs | wall | CPU | peak memory | wall per event | output | \`cp -r\` of the output | build / \`cp -r\` |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$table"
  echo
  echo "Stages (median time; in brackets the peak memory reached by the end of the stage), from"
  echo "\`AMBASSADE_TIMINGS=1\`: \`load\` reads, parses and validates \`content/\`; \`theme+site\` loads"
  echo "the templates while placing every occurrence; \`render\` makes every page and feed and writes"
  echo "each into the staging folder as soon as it is made (the calendar and Atom feeds included: see"
  echo "the profile for their share); \`write\` swaps the staging folder in."
  echo
  echo "| events | load | theme+site | render | write |"
  echo "|---|---|---|---|---|"
  cat "$stages"
} >"$section"
replace_section run "$section"
echo "results: $RESULTS" >&2
