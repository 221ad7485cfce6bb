#!/usr/bin/env python3
"""Summarises `perf script --no-inline -F tid,ip,sym` output (call graphs) of an ambassade build
as Markdown: CPU share per stage, per component and per function. Reads stdin."""

import collections
import re
import sys

# Stage of a sample, from the frames of its stack (first rule that matches wins).
STAGES = [
    ("feeds (ics, atom)", re.compile(r"ambassade::render::(ics|atom)::")),
    ("load + validate", re.compile(r"ambassade::content::")),
    ("theme", re.compile(r"ambassade::render::theme::load")),
    ("site (occurrences)", re.compile(r"ambassade::site::")),
    ("write", re.compile(r"ambassade::output::")),
    ("render (pages, sheets)", re.compile(r"ambassade::render::")),
    ("free the site at exit", re.compile(r"drop_in_place")),
]

# Components: a sample counts for each one found anywhere in its stack.
COMPONENTS = [
    ("Tera rendering", re.compile(r"^tera::renderer::|Tera::render")),
    ("Tera context (serde_json::Value building, Context::from_*)", re.compile(r"^serde_json::value::|tera::context::Context::(from_|insert)|serde_json::map::")),
    ("HTML minification (minify_html)", re.compile(r"^minify_html::")),
    ("Markdown (pulldown_cmark)", re.compile(r"^pulldown_cmark::")),
    ("HTML sanitising (ammonia, html5ever)", re.compile(r"^(ammonia|html5ever|markup5ever)::")),
    ("YAML parsing", re.compile(r"^(serde_yaml|unsafe_libyaml|yaml_rust2)::")),
    ("recurrences (rrule)", re.compile(r"^rrule::")),
    ("time zones (chrono_tz offsets)", re.compile(r"^chrono_tz::")),
    ("lexicon links (glossary)", re.compile(r"ambassade::render::glossary::")),
    ("ICS text (icalendar crate)", re.compile(r"^icalendar::")),
    ("BTreeMap inserts (template variables as serde_json objects, the list of output files)", re.compile(r"BTreeMap<.*>::insert|btree::map::entry")),
    ("memory allocation (mimalloc; malloc, free, realloc)", re.compile(r"^(malloc|_int_malloc|_int_free|cfree|free|realloc|_int_realloc|malloc_consolidate|unlink_chunk.*|__rust_alloc|__rust_dealloc|__rust_realloc|__rustc::.*|_?mi_.*|<mimalloc::.*)(@.*)?$")),
    ("kernel (file system, page faults)", re.compile(r"^\[k\]")),
]


def samples(lines):
    stack = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                yield stack
            stack = []
            continue
        if not line.startswith("\t") and not line.startswith(" "):
            stack = []  # header line: tid
            continue
        parts = line.strip().split(None, 1)
        if len(parts) < 2:
            continue
        addr, sym = parts
        if addr.startswith("ffffffff"):
            sym = "[k] " + sym
        # Drop the +0x offsets perf may print and the crate hashes.
        sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
        stack.append(sym)
    if stack:
        yield stack


def main():
    total = 0
    stage = collections.Counter()
    comp = collections.Counter()
    incl = collections.Counter()
    selfc = collections.Counter()
    for st in samples(sys.stdin):
        total += 1
        for name, rx in STAGES:
            if any(rx.search(f) for f in st):
                stage[name] += 1
                break
        else:
            stage["other (start-up, threads, exit)"] += 1
        for name, rx in COMPONENTS:
            if name.startswith("memory") or name.startswith("kernel"):
                if rx.search(st[0]):
                    comp[name] += 1
            elif any(rx.search(f) for f in st):
                comp[name] += 1
        seen = set()
        for f in st:
            if f.startswith("ambassade::") and f not in seen:
                seen.add(f)
                incl[f] += 1
        selfc[st[0]] += 1
    if total == 0:
        print("no samples")
        return

    def pct(n):
        return f"{100.0 * n / total:.1f} %"

    print(f"{total} CPU samples (all threads).\n")
    print("| stage (by the frames of each sample) | share of CPU time |")
    print("|---|---|")
    for name, n in stage.most_common():
        print(f"| {name} | {pct(n)} |")
    print("\n| component (anywhere in the stack; they overlap) | share of CPU time |")
    print("|---|---|")
    for name, n in comp.most_common():
        print(f"| {name} | {pct(n)} |")
    print("\n| ambassade function (inclusive: itself and what it calls) | share of CPU time |")
    print("|---|---|")
    for name, n in incl.most_common(30):
        if name in ("ambassade::main", "ambassade::build", "ambassade::generate"):
            continue
        print(f"| `{name[:110]}` | {pct(n)} |")
    print("\n| function (self time: the sample's innermost frame) | share of CPU time |")
    print("|---|---|")
    for name, n in selfc.most_common(25):
        print(f"| `{name[:110]}` | {pct(n)} |")


if __name__ == "__main__":
    main()
