#!/usr/bin/env bash
# How fast hostile inputs are refused (issue #22): the minimal fixture with one event file of
# 900,000 levels of `[`, of 450,000 levels of `{a: `, and of a 1 MB string aliased 1,000
# times. Each must be refused at once (tests/broken.rs only checks that each ends within
# 10 s); this prints the release build's time for each, median of RUNS (default 5).
#
#   benches/hostile.sh            # builds the release binary first (SKIP_BUILD=1: don't)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=${RUNS:-5}
build_tools
mkdir -p "$WORK"
site=$WORK/hostile-site
python3 - "$repo/tests/fixtures/minimal" "$site" <<'PY'
import shutil, sys
src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True)
shutil.copytree(src, dst)
head = "---\ntitle: Salon\nstart: 2027-03-14\nlevel: regional\n"
cases = {
    "flow-list": head + "themes: " + "[" * 900_000 + "]" * 900_000 + "\n---\nUn salon.\n",
    "flow-group": head + "themes: " + "{a: " * 225_000 + "}" * 225_000 + "\n---\nUn salon.\n",
    "aliases": "---\ntitle: &a " + "x" * (1 << 20) + "\nstart: 2027-03-14\nlevel: regional\n"
    + "themes: [" + ", ".join(["*a"] * 1000) + "]\n---\nUn salon.\n",
}
for name, text in cases.items():
    with open(f"{dst}/{name}.md", "w") as f:
        f.write(text)
PY
printf '| input | file size | exit status | median time |\n|---|---|---|---|\n'
for name in flow-list flow-group aliases; do
  rm -f "$site"/content/events/hostile.md
  cp "$site/$name.md" "$site/content/events/hostile.md"
  size=$(stat -c %s "$site/$name.md")
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    set +e
    "$bin" check --root "$site" --today "$TODAY" >/dev/null 2>&1
    status=$?
    set -e
    times+=("$(( $(date +%s%N) - start ))")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)] / 1e9}')
  printf '| %s | %s bytes | %s | %s s |\n' "$name" "$size" "$status" "$median"
done
rm -rf "$site"
