#!/usr/bin/env bash
# Where a build's system time goes, on the disk: `strace -c -f` of a build into an empty
# folder and of a rebuild after editing one event (the previous output in place), the kernel
# functions `perf record -g` samples most in each, and what each kind of file the build writes
# weighs (files, bytes, and the time `cp -r` takes to write that kind alone: the floor of
# writing it). Writes the section "disk" of benches/RESULTS.md.
#
#   benches/disk.sh            # 10,000 events, on disk (--memory: in /dev/shm)
#   benches/disk.sh 1000
#
# Needs strace and perf (Debian: strace, linux-perf; installed when missing and root).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

n=${1:-10000}
for tool in strace:strace perf:linux-perf; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tool#*:}" >/dev/null || true
    fi
  fi
done
build_tools
mkdir -p "$WORK"
site=$WORK/site-$n
if [ ! -d "$site/content/events" ] || [ "$(ls "$site/content/events" | wc -l)" != "$n" ]; then
  "$gen" --events "$n" --out "$site" --force >/dev/null
  one_language "$site"
fi
out=$WORK/out-disk-$n
edited=$(find "$site/content/events" -name '*.md' | sort | sed -n "$((n / 2 + 1))p")
cp "$edited" "$WORK/disk-edited.orig"
trap 'cp "$WORK/disk-edited.orig" "$edited"' EXIT
build() { "$bin" build --root "$site" --output "$out" --today "$TODAY" >/dev/null 2>&1; }

section=$WORK/disk-section.md
{
  echo "## Where the system time goes, on $(df -T "$WORK" | awk 'NR == 2 { print $2 }') ($n events)"
  echo
  echo "Run on $(date -u +%Y-%m-%d) with \`benches/disk.sh${MEMORY:+ --memory} $n\` (ambassade at"
  echo "$(git -C "$repo" rev-parse --short HEAD); load average at the start $LOAD_START; mount options of the work folder:"
  echo "\`$(findmnt -no OPTIONS -T "$WORK" 2>/dev/null || echo '?')\`)."
  for mode in full edit; do
    rm_output "$out"
    sync
    if [ "$mode" = edit ]; then
      # Twice: from the second build on, the previous output's spare tree is recycled.
      build
      build
      sed -i '$ s/$/ modifié/' "$edited"
      sync
      echo
      echo "### A rebuild after editing one event, the previous output in place"
    else
      echo
      echo "### A build into an empty folder (the previous output removed just before)"
    fi
    echo
    if command -v strace >/dev/null; then
      strace -c -f -o "$WORK/strace-$mode.txt" "$bin" build --root "$site" --output "$out" --today "$TODAY" >/dev/null 2>&1
      echo "\`strace -c -f\` (the ten system calls taking the most time; strace slows every call):"
      echo
      echo '```'
      sed -n '1,12p' "$WORK/strace-$mode.txt"
      echo '```'
    fi
    if [ "$mode" = edit ]; then
      cp "$WORK/disk-edited.orig" "$edited"
      build
      sed -i '$ s/$/ modifié/' "$edited"
      sync
    else
      rm_output "$out"
      sync
    fi
    if command -v perf >/dev/null && perf record -q -g -o "$WORK/perf-$mode.data" "$bin" build --root "$site" --output "$out" --today "$TODAY" >/dev/null 2>&1; then
      echo
      echo "\`perf record -g\`: the kernel functions with the largest share of all samples (children included):"
      echo
      echo '```'
      perf report -i "$WORK/perf-$mode.data" --children --sort sym -g none 2>/dev/null |
        grep '\[k\]' | grep -v 'entry_SYSCALL\|do_syscall_64\|asm_exc\|exc_page_fault' | head -n 14 || true
      echo '```'
    fi
  done
  cp "$WORK/disk-edited.orig" "$edited"
  rm_output "$out"
  build
  echo
  echo "### What each kind of file weighs"
  echo
  echo "In a build of $n events: files, bytes, and \`cp -r\` of that kind alone into an empty folder"
  echo "(median of 3; the floor of writing those files here)."
  echo
  echo "| kind | files | bytes | per event | \`cp -r\` |"
  echo "|---|---|---|---|---|"
  (cd "$out" && find . -type f -printf '%s %P\n') | awk '
    { k = "other file"
      if ($2 ~ /^agenda\/[^\/]+\/fiche-mission\/index\.html$/) k = "event mission sheet"
      else if ($2 ~ /^agenda\/[^\/]+\/[^\/]+\.ics$/) k = "event calendar file (.ics)"
      else if ($2 ~ /^agenda\/(mois|page|archives)/) k = "agenda, month and archive pages"
      else if ($2 ~ /^agenda\/[^\/]+\/index\.html$/) k = "event page"
      else if ($2 ~ /\.ics$/) k = "feed (.ics)"
      else if ($2 ~ /\.html$/) k = "other page"
      print k "\t" $1 "\t" $2 }' >"$WORK/disk-kinds.tsv"
  cut -f1 "$WORK/disk-kinds.tsv" | sort -u | while read -r kind; do
    awk -F'\t' -v k="$kind" '$1 == k { print $3 }' "$WORK/disk-kinds.tsv" >"$WORK/disk-kind.list"
    files=$(wc -l <"$WORK/disk-kind.list")
    bytes=$(awk -F'\t' -v k="$kind" '$1 == k { s += $2 } END { print s }' "$WORK/disk-kinds.tsv")
    : >"$WORK/disk-cp.times"
    for _ in 1 2 3; do
      rm -rf "$WORK/disk-copy"
      mkdir -p "$WORK/disk-copy"
      sync
      t0=$(date +%s%N)
      (cd "$out" && cp --parents -r $(cat "$WORK/disk-kind.list") "$WORK/disk-copy/" 2>/dev/null) || true
      t1=$(date +%s%N)
      echo $(((t1 - t0) / 1000000)) >>"$WORK/disk-cp.times"
    done
    rm -rf "$WORK/disk-copy"
    printf '| %s | %s | %s | %s | %s |\n' "$kind" "$files" \
      "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')" \
      "$(awk -v b="$bytes" -v n="$n" 'BEGIN { printf "%.2f kB", b / n / 1e3 }')" \
      "$(ms "$(median <"$WORK/disk-cp.times")")"
  done
  echo
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$section"
rm_output "$out"
replace_section disk "$section"
echo "results: $RESULTS" >&2
