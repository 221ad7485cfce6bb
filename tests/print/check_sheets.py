#!/usr/bin/env python3
"""Prints every sheet of a built site to PDF with headless Chromium and checks the result:
A4 pages, the mission sheet on exactly one page (blank and every pre-filled one; two at most
when it holds the text of the event's report, which may be long), the
identification sheet on at most two, and every field label of the sheet's content in the text.
Usage: check_sheets.py PUBLIC_DIR CONTENT_DIR [PDF_OUT_DIR]"""

import functools
import http.server
import pathlib
import re
import subprocess
import sys
import tempfile
import threading

import yaml

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def labels(sheet_yaml):
    data = yaml.safe_load(sheet_yaml.read_text(encoding="utf-8"))
    out = [data["title"]]
    for section in data["sections"]:
        out.append(section["title"])
        for field in section["fields"]:
            out.append(field["label"])
    return out


def serve(public):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(public))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def print_pdf(url, pdf):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", url],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
        )


def reported(page):
    """Whether a pre-filled mission sheet holds its event's report ("Après la mission")."""
    html = page.read_text(encoding="utf-8")
    return re.search(r'name="?mission-report"?[^>]*>\s*[^<\s]', html) is not None


def main():
    public, content = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out_dir = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else pathlib.Path(tempfile.mkdtemp())
    out_dir.mkdir(parents=True, exist_ok=True)
    server = serve(public)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    sheets = [("fiches/mission/", "mission", 1), ("fiches/identification/", "identification", 2)]
    sheets += [
        (str(p.parent.relative_to(public)) + "/", "mission", 2 if reported(p) else 1)
        for p in sorted(public.glob("agenda/*/fiche-mission/index.html"))
    ]
    failures = []
    for path, kind, max_pages in sheets:
        pdf = out_dir / (path.strip("/").replace("/", "_") + ".pdf")
        print_pdf(f"{base}/{path}", pdf)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)
        w, h = (float(x) for x in re.match(r"([\d.]+) x ([\d.]+)", size).groups())
        if abs(w - 595.3) > 2 or abs(h - 841.9) > 2:
            failures.append(f"{path}: page size {size} is not A4 portrait")
        exactly_one = kind == "mission" and max_pages == 1
        if (exactly_one and pages != 1) or pages > max_pages:
            failures.append(f"{path}: {pages} pages (expected {'exactly 1' if exactly_one else f'at most {max_pages}'})")
        text = norm(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        for label in labels(content / "sheets" / f"{kind}.yaml"):
            if norm(label) not in text:
                failures.append(f"{path}: label {label!r} not in the printed text")
        print(f"{path}: {pages} page(s), {size}")
    server.shutdown()
    for f in failures:
        print(f"FAIL {f}")
    print(f"print checks: {len(sheets)} sheets, {len(failures)} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
