#!/usr/bin/env bash
# A/B of two (or more) ambassade binaries on the same generated site: builds alternate
# (A, B, A, B, …) so that the machine's drift, which reaches 10 % between runs here, falls on
# both; prints each binary's median and best wall time, user time and user+system time, and
# checks that every binary writes the same files (`diff -r`). For trying a change:
#
#   cp "$CARGO_TARGET_DIR/release/ambassade" /tmp/amb-before   # before the change
#   … change, cargo build --release …
#   benches/ab.sh /tmp/amb-before "$CARGO_TARGET_DIR/release/ambassade"
#
# Environment: N (events, default 10000; the site is generated when missing), RUNS (builds
# per binary, default 6), WORK (as for run.sh). Writes nothing to benches/RESULTS.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || { echo "usage: benches/ab.sh BINARY_A BINARY_B [BINARY_C …]" >&2; exit 2; }
n=${N:-10000}
runs=${RUNS:-6}
ensure_time
build_tools
mkdir -p "$WORK"
site=$WORK/site-$n
if [ ! -d "$site/content/events" ] || [ "$(ls "$site/content/events" | wc -l)" != "$n" ]; then
  "$gen" --events "$n" --out "$site" --force
fi
times=$WORK/ab-times
: >"$times"
# One output per binary: compared at the end.
i=0
for b in "$@"; do
  i=$((i + 1))
  rm_output "$WORK/ab-out-$i"
  "$b" build --root "$site" --output "$WORK/ab-out-$i" --today "$TODAY" >/dev/null 2>&1
done
for _ in $(seq "$runs"); do
  i=0
  for b in "$@"; do
    i=$((i + 1))
    rm_output "$WORK/ab-out"
    /usr/bin/time -f "$i %e %U %S" -a -o "$times" \
      "$b" build --root "$site" --output "$WORK/ab-out" --today "$TODAY" >/dev/null 2>&1
  done
done
rm_output "$WORK/ab-out"
python3 - "$times" "$@" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for i, name in enumerate(sys.argv[2:], 1):
    r = [(float(w), float(u), float(s)) for k, w, u, s in rows if int(k) == i]
    wall, user, cpu = [x[0] for x in r], [x[1] for x in r], [x[1] + x[2] for x in r]
    print(f"{name}: wall median {st.median(wall):.3f} s, best {min(wall):.3f} | "
          f"user median {st.median(user):.3f} s | user+system median {st.median(cpu):.3f} s")
PY
i=1
for _ in "${@:2}"; do
  i=$((i + 1))
  # The output marker (.ambassade-output) is ignored: binaries from before it compare too.
  if diff -rq -x .ambassade-output "$WORK/ab-out-1" "$WORK/ab-out-$i" >/dev/null; then
    echo "binary $i writes the same files as binary 1"
  else
    echo "binary $i writes DIFFERENT files from binary 1 (diff -r $WORK/ab-out-1 $WORK/ab-out-$i)"
  fi
done
