"""Shared helpers for the benchmarks: the fixture manifest, running commands with
their time and peak memory, and splitting multi-page output into pages."""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCANS = os.path.join(ROOT, "fixtures", "scans")
OCREVAL = os.path.join(os.path.dirname(ROOT), "shared", "eval", "ocreval.py")


def manifest():
    """Rows of fixtures/scans/MANIFEST.tsv as dicts (image, page, truth, dpi, kind, notes)."""
    rows = []
    with open(os.path.join(SCANS, "MANIFEST.tsv"), encoding="utf-8") as f:
        header = None
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None and cols[0] == "image":
                header = cols
                continue
            rows.append({"image": cols[0], "page": int(cols[1]), "truth": cols[2],
                         "dpi": cols[3], "kind": cols[4], "notes": cols[5] if len(cols) > 5 else ""})
    return rows


def run(cmd, env=None):
    """Run cmd; return (stdout bytes, wall seconds, peak RSS in MiB). Raises on failure."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, **(env or {})))
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}")
    return out, elapsed, usage.ru_maxrss / 1024.0


def pages(text_bytes):
    """Split text output into pages on form feeds (vanthu and tesseract both use them)."""
    text = text_bytes.decode("utf-8", errors="replace")
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts = parts[:-1]
    return parts


def vanthu_binary():
    path = os.environ.get("VANTHU", os.path.join(ROOT, "build", "vanthu"))
    if not os.access(path, os.X_OK):
        sys.exit(f"bench: {path} not found; build first (./setup.sh) or set VANTHU")
    return path
