#!/usr/bin/env python3
"""Preview-server reload latency: starts `ambassade serve` on a site, then edits one event file
RUNS times and measures, for each edit, the time from the file's write to the `reload` message
on the live-reload stream (what an open browser tab waits for), and then to the edited page
served with the new title.

    benches/serve_edit.py BIN SITE [RUNS]

Prints one line per edit and the medians. Used by benches/run.sh (section "serve").
"""
import os, re, socket, statistics, subprocess, sys, time

bin_, site = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
proc = subprocess.Popen([bin_, "serve", "--root", site, "--port", "0", "--today", "2026-11-26"],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    port = None
    for line in proc.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    if port is None:
        sys.exit("serve did not start")

    def get(path):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        s.close()
        return data.decode("utf-8", "replace")

    events = sorted(f for f in os.listdir(os.path.join(site, "content/events")) if f.endswith(".md"))
    target = os.path.join(site, "content/events", events[len(events) // 2])
    slug = os.path.basename(target)[:-3]
    original = open(target, encoding="utf-8").read()
    # Let the first whole render (in the background) finish, as an editor's first look would.
    time.sleep(2 + len(events) / 1000)
    get(f"/agenda/{slug}/")

    stream = socket.create_connection(("127.0.0.1", port), timeout=30)
    stream.sendall(b"GET /__ambassade/events HTTP/1.1\r\nHost: x\r\n\r\n")
    seen = b""
    while b"event: hello" not in seen:
        seen += stream.recv(4096)
    reloads, pages = [], []
    for i in range(runs):
        title = f"Titre modifié {i}"
        text = re.sub(r"^title: .*$", f"title: {title}", original, count=1, flags=re.M)
        seen = b""
        t0 = time.perf_counter()
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        while b"event: reload" not in seen:
            seen += stream.recv(4096)
        t1 = time.perf_counter()
        page = get(f"/agenda/{slug}/")
        t2 = time.perf_counter()
        if title not in page:
            sys.exit(f"edit {i}: the page does not show the new title")
        reloads.append((t1 - t0) * 1000)
        pages.append((t2 - t0) * 1000)
        print(f"edit {i + 1}: reload sent after {reloads[-1]:.1f} ms, new page served after {pages[-1]:.1f} ms")
        time.sleep(1.5 + len(events) / 2000)  # let the background render finish
    with open(target, "w", encoding="utf-8") as f:
        f.write(original)
    print(f"median: reload {statistics.median(reloads):.1f} ms, page {statistics.median(pages):.1f} ms ({len(events)} events, {runs} edits)")
finally:
    proc.terminate()
    proc.wait()
