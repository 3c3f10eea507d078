#!/usr/bin/env python3
"""Time from saving an edited record to `atlas serve` serving the new text.

Usage: edit_to_served.py ATLAS SITE_ROOT

Starts `atlas serve` on a free loopback port, waits until the site is
served, appends a unique line to one record's body, and polls that
record's page until the line appears. Prints the time in milliseconds
(median of a few edits) and, when the server reports it, the time until
the site-wide outputs (search index, views, open data) were updated too;
the next edit waits for those, as a person checking the result would.
Restores the record and stops the server. Diagnostics go to stderr; it
never asserts a threshold.
"""

import json

import glob
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

EDITS = 5
TIMEOUT_S = 600


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except Exception:
        return None, ""


def wait_site_wide(base, started):
    """Milliseconds from `started` until the server reports no site-wide
    pass pending, or None when it does not report that."""
    while time.perf_counter() - started < 60:
        _, body = fetch(f"{base}/__atlas/status")
        try:
            status = json.loads(body)
        except ValueError:
            return None
        if "site_wide_pending" not in status:
            return None
        if not status["site_wide_pending"]:
            return (time.perf_counter() - started) * 1000
        time.sleep(0.005)
    return None


def main():
    atlas, site = sys.argv[1], sys.argv[2]
    help_text = subprocess.run([atlas, "serve", "--help"], capture_output=True, text=True).stdout
    port = free_port()
    args = [atlas, "serve", "--root", site]
    if "--port" in help_text:
        args += ["--port", str(port)]
    if "--bind" in help_text:
        args += ["--bind", "127.0.0.1"]
    elif "--host" in help_text:
        args += ["--host", "127.0.0.1"]
    if "--out" in help_text:
        args += ["--out", os.path.join(os.path.dirname(site.rstrip("/")), "serve-public")]
    print(" ".join(args), file=sys.stderr)
    server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    record = sorted(glob.glob(os.path.join(site, "content", "programs", "*.md")))[0]
    stem = os.path.splitext(os.path.basename(record))[0]
    original = open(record, encoding="utf-8").read()
    try:
        deadline = time.time() + TIMEOUT_S
        page = None
        while time.time() < deadline and page is None:
            if server.poll() is not None:
                print(server.stdout.read(), file=sys.stderr)
                sys.exit("atlas serve exited")
            for url in (f"{base}/programs/{stem}/",):
                status, _ = fetch(url)
                if status == 200:
                    page = url
            time.sleep(0.05)
        if page is None:
            sys.exit("atlas serve did not serve the site in time")
        times = []
        site_wide = []
        for i in range(EDITS):
            marker = f"benchedit{os.getpid()}x{i}"
            started = time.perf_counter()
            with open(record, "w", encoding="utf-8") as f:
                f.write(original + f"\n\n編集の確認 {marker}\n")
            while True:
                _, body = fetch(page)
                if marker in body:
                    break
                if time.perf_counter() - started > 60:
                    sys.exit("the edit was not served within 60 s")
                time.sleep(0.001)
            times.append((time.perf_counter() - started) * 1000)
            done = wait_site_wide(base, started)
            if done is not None:
                site_wide.append(done)
            time.sleep(0.2)
        times.sort()
        line = f"{times[len(times) // 2]:.0f} ms (median of {EDITS} edits; min {times[0]:.0f}, max {times[-1]:.0f})"
        if site_wide:
            site_wide.sort()
            line += f"; search index, views and data updated after {site_wide[len(site_wide) // 2]:.0f} ms"
        print(line)
    finally:
        with open(record, "w", encoding="utf-8") as f:
            f.write(original)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
