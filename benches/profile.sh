#!/usr/bin/env bash
# Where the time goes: records one build of a generated site with N events (default 10000)
# under `perf record --call-graph dwarf` and summarises the samples with benches/profile.py
# (CPU share per stage, per component, per function). Writes the section "profile" of
# benches/RESULTS.md. Needs perf (Debian: apt-get install linux-perf; installed when missing
# and root).
#
#   benches/profile.sh          # 10,000 events
#   benches/profile.sh 1000
set -euo pipefail
source "$(dirname "$0")/lib.sh"

n=${1:-10000}
FREQ=${FREQ:-199}
if ! command -v perf >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null
  else
    echo "error: perf is missing: apt-get install linux-perf" >&2
    exit 2
  fi
fi
build_tools
mkdir -p "$WORK"
site=$WORK/site-$n
if [ ! -d "$site/content/events" ] || [ "$(ls "$site/content/events" | wc -l)" != "$n" ]; then
  "$gen" --events "$n" --out "$site" --force
fi
out=$WORK/out-profile-$n
rm_output "$out"
data=$WORK/perf-$n.data
perf record -q -F "$FREQ" --call-graph dwarf,16384 -o "$data" \
  "$bin" build --root "$site" --output "$out" --today "$TODAY" >/dev/null 2>&1
section=$WORK/profile-section.md
{
  echo "## Profile: where the CPU time goes ($n events)"
  echo
  echo "\`benches/profile.sh $n\`: \`perf record -F $FREQ --call-graph dwarf\` of one build into an empty"
  echo "folder, summarised by \`benches/profile.py\`. Shares of CPU time over all threads (not wall"
  echo "time), on the machine described above."
  echo
  perf script --no-inline -i "$data" -F tid,ip,sym 2>/dev/null | python3 "$repo/benches/profile.py"
} >"$section"
rm -f "$data"
replace_section profile "$section"
cat "$section"
