#!/usr/bin/env bash
# Checks that two ambassade binaries write byte-identical sites: the example site, every
# fixture site under tests/fixtures/, and a generated site of N events (default 10000). For
# refactorings that must not change the output:
#
#   git worktree add /tmp/before <commit> && (cd /tmp/before && cargo build --release)
#   cargo build --release
#   benches/same-output.sh /tmp/before/target/release/ambassade target/release/ambassade
#
# Exits 1 and prints the differing files when any site differs. Environment: N, WORK (as for
# run.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || { echo "usage: benches/same-output.sh OLD_BINARY NEW_BINARY" >&2; exit 2; }
old=$1
new=$2
n=${N:-10000}
build_tools
mkdir -p "$WORK"
site=$WORK/site-$n
if [ ! -d "$site/content/events" ] || [ "$(ls "$site/content/events" | wc -l)" != "$n" ]; then
  "$gen" --events "$n" --out "$site" --force >/dev/null
fi
roots=("$repo")
for f in "$repo"/tests/fixtures/*/; do
  [ -d "$f/content" ] && roots+=("${f%/}")
done
roots+=("$site")
status=0
for root in "${roots[@]}"; do
  for which in old new; do
    rm_output "$WORK/same-$which"
    "${!which}" build --root "$root" --output "$WORK/same-$which" --today "$TODAY" >/dev/null 2>&1
  done
  files=$(find "$WORK/same-new" -type f ! -name .ambassade-output | wc -l)
  # The output marker is no file of the site (and binaries before it did not write it).
  if diff -r -x .ambassade-output "$WORK/same-old" "$WORK/same-new" >"$WORK/same-diff" 2>&1; then
    echo "same: $root ($files files)"
  else
    echo "DIFFERENT: $root"
    head -20 "$WORK/same-diff"
    status=1
  fi
done
rm_output "$WORK/same-old" "$WORK/same-new"
exit $status
