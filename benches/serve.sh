#!/usr/bin/env bash
# Preview server: time from saving one event file to the reload message sent to open pages
# (and to the edited page served), on a generated site of N events (default 1000), with
# benches/serve_edit.py. Writes the section "serve" of benches/RESULTS.md.
#
#   benches/serve.sh            # 1,000 events, 20 edits
#   EDITS=50 benches/serve.sh 1000
set -euo pipefail
source "$(dirname "$0")/lib.sh"

n=${1:-1000}
edits=${EDITS:-20}
build_tools
mkdir -p "$WORK"
site=$WORK/site-serve-$n
"$gen" --events "$n" --out "$site" --force >/dev/null
log=$WORK/serve-$n.log
python3 "$repo/benches/serve_edit.py" "$bin" "$site" "$edits" | tee "$log" >&2
median=$(tail -n 1 "$log")
section=$WORK/serve-section.md
{
  echo "## Preview server: one event edited, reload sent"
  echo
  echo "Run on $(date -u +%Y-%m-%d) with \`benches/serve.sh $n\` ($edits edits; machine described above)."
  echo "\`benches/serve_edit.py\` starts \`ambassade serve\` (release build) on a generated site of $n"
  echo "events, waits for its first whole render, then rewrites the title of one event file $edits"
  echo "times, 2 s apart (the background render of the previous edit has finished), and measures from"
  echo "the file's write to the \`reload\` message on the live-reload stream (what an open tab waits"
  echo "for), then to the edited page served with its new title. The time includes the watcher's"
  echo "15 ms quiet period."
  echo
  echo "| events | edits | reload sent (median) | new page served (median) | slowest reload |"
  echo "|---|---|---|---|---|"
  reloads=$(sed -n 's/^edit .*reload sent after \([0-9.]*\) ms.*/\1/p' "$log")
  pages=$(sed -n 's/^edit .*page served after \([0-9.]*\) ms.*/\1/p' "$log")
  printf '| %s | %s | %s ms | %s ms | %s ms |\n' "$n" "$edits" \
    "$(echo "$reloads" | median)" "$(echo "$pages" | median)" "$(echo "$reloads" | maximum)"
  echo
  echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$section"
replace_section serve "$section"
echo "results: $RESULTS ($median)" >&2
