#!/usr/bin/env python3
"""archive_check.py — the ALTO and hOCR outputs say what the text output says.

usage: archive_check.py DIR   (DIR holds NAME.txt, NAME.xml (ALTO), NAME.hocr)

For every NAME: per page, the lines of the text blocks (ALTO TextBlocks without
TAGREFS, hOCR ocr_carea areas), each line's words joined with a space, equal the
page's non-blank text lines, in order; set-apart blocks are tagged; boxes lie on
the page; word confidences are in range. Prints one line per problem and exits
1 if there was any.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
XHTML = "{http://www.w3.org/1999/xhtml}"
problems = []


def text_pages(path):
    pages = path.read_text(encoding="utf-8").split("\f")
    return [[line for line in page.split("\n") if line.strip()] for page in pages]


def check_lines(name, fmt, got, want):
    if len(got) != len(want):
        problems.append(f"{name}: {fmt} has {len(got)} pages, the text {len(want)}")
        return
    for p, (g, w) in enumerate(zip(got, want), 1):
        if g != w:
            first = next((i for i, (a, b) in enumerate(zip(g, w)) if a != b), min(len(g), len(w)))
            problems.append(f"{name}: {fmt} page {p}: {len(g)} lines against {len(w)}; first "
                            f"difference at line {first + 1}: {g[first:first + 1]} vs {w[first:first + 1]}")


def in_page(box, width, height):
    x, y, w, h = box
    return w > 0 and h > 0 and x >= 0 and y >= 0 and x + w <= width + 1 and y + h <= height + 1


def alto_pages(name, path):
    root = ET.parse(path).getroot()
    pages = []
    for page in root.iter(ALTO + "Page"):
        width, height = float(page.get("WIDTH", "1e9")), float(page.get("HEIGHT", "1e9"))
        lines = []
        for block in page.iter(ALTO + "TextBlock"):
            tagged = block.get("TAGREFS") is not None
            for line in block.iter(ALTO + "TextLine"):
                words = []
                for s in line.iter(ALTO + "String"):
                    words.append(s.get("CONTENT"))
                    if s.get("HPOS") is not None:
                        box = [float(s.get(k)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT")]
                        if not in_page(box, width, height):
                            problems.append(f"{name}: ALTO String {s.get('CONTENT')!r} box {box} is off the page")
                    wc = s.get("WC")
                    if wc is not None and not 0 <= float(wc) <= 1:
                        problems.append(f"{name}: ALTO WC {wc} out of 0-1")
                if not tagged:
                    lines.append(" ".join(words))
        pages.append(lines)
    return pages


def hocr_pages(name, path):
    root = ET.parse(path).getroot()
    pages = []
    for page in root.iter(XHTML + "div"):
        if page.get("class") != "ocr_page":
            continue
        lines = []
        for area in page.iter(XHTML + "div"):
            cls = area.get("class")
            if cls == "ocr_textfloat" and "x_kind" not in (area.get("title") or ""):
                problems.append(f"{name}: hOCR set-apart area without x_kind")
            if cls != "ocr_carea":
                continue
            for line in area.iter(XHTML + "span"):
                if line.get("class") == "ocr_line":
                    lines.append(" ".join(w.text or "" for w in line.iter(XHTML + "span")
                                          if w.get("class") == "ocrx_word"))
        pages.append(lines)
    return pages


def main():
    out = Path(sys.argv[1])
    texts = sorted(out.rglob("*.txt"))
    if not texts:
        problems.append(f"{out}: no outputs")
    for txt in texts:
        name = str(txt.relative_to(out))[:-4]
        want = text_pages(txt)
        for ext, fmt, reader in ((".xml", "ALTO", alto_pages), (".hocr", "hOCR", hocr_pages)):
            path = txt.with_suffix(ext)
            if not path.exists():
                problems.append(f"{name}: no {path.name}")
                continue
            check_lines(name, fmt, reader(name, path), want)
    for p in problems:
        print(p)
    print(f"archive_check: {len(texts)} documents, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
