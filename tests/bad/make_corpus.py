#!/usr/bin/env python3
"""make_corpus.py — write the bad-input corpus of tests/e2e/bad.sh (issue #16).

usage: make_corpus.py OUT_DIR FIXTURES_DIR

Everything is generated (Python 3 stdlib only, fixed seeds, so every run writes
the same bytes): nothing large or binary is committed. Layout:

  OUT_DIR/corpus/   what the batch walks as a directory (scans and PDFs)
  OUT_DIR/text/     text inputs, named on the command line: a directory walk
                    takes .txt files only with --input-kind text
  OUT_DIR/expect.tsv  one line per input: relative path, then "fail" and the
                    pattern its one error line must match, or "done"

Each file is one thing that goes wrong in real archives: empty or random
bytes under a scan's name, cut-off downloads, damaged PDFs, decompression
bombs, degenerate sizes, blank pages, odd text encodings, names that are not
UTF-8 and folders that contain themselves.
"""
import os
import random
import struct
import sys
import zlib

EXTS = ["png", "jpg", "jpeg", "tif", "tiff", "pdf"]


def png(width, height, rows):
    """A greyscale 8-bit PNG; `rows` yields each row's bytes (without filter)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\0" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def png_claiming(width, height):
    """IHDR says width×height, IDAT holds a few bytes: a decompression bomb's header."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def uniform_png(width, height, value):
    row = bytes([value]) * width
    return png(width, height, (row for _ in range(height)))


def jpeg_claiming(jpeg, width, height):
    """Patch the first SOFn segment of a real JPEG to declare another size."""
    i = 2
    while i + 4 <= len(jpeg):
        if jpeg[i] != 0xFF:
            raise ValueError("not a JPEG segment")
        marker = jpeg[i + 1]
        length = struct.unpack(">H", jpeg[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            out = bytearray(jpeg)
            out[i + 5:i + 9] = struct.pack(">HH", height, width)
            return bytes(out)
        i += 2 + length
    raise ValueError("no SOF segment")


def pdf(objects):
    """A PDF from object bodies (object k is objects[k-1]; 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def blank_pdf(pages):
    """`pages` A4 pages sharing one empty content stream: small whatever the count."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids),
               b"<< /Length 0 >>\nstream\n\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                b"/Resources << >> >>"] * pages
    return pdf(objects)


def broken_xref_pdf():
    """A one-page PDF with text whose xref offsets and startxref are all wrong
    (what a careless editor or a bad transfer leaves): readers rebuild the xref."""
    content = b"BT /F1 24 Tf 72 700 Td (Thong bao so 12) Tj ET"
    good = pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
    head, _, _ = good.partition(b"xref\n")
    return head + (b"xref\n0 6\n0000000000 65535 f \n" + b"0000099999 00000 n \n" * 5
                   + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n777777\n%%EOF\n")


def striped_png(width, height):
    """Dark and light bands: not blank, so only its shape is odd."""
    return png(width, height, (bytes(0 if (x // 40) % 2 else 255 for x in range(width))
                               for _ in range(height)))


def main():
    out, fixtures = sys.argv[1], sys.argv[2]
    corpus, text = os.path.join(out, "corpus"), os.path.join(out, "text")
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(text, exist_ok=True)
    rng = random.Random(16)
    expect = []

    def put(rel, data, outcome, pattern=""):
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        expect.append((rel, outcome, pattern))

    def fixture(rel):
        with open(os.path.join(fixtures, rel), "rb") as f:
            return f.read()

    for ext in EXTS:
        put("corpus/zero.%s" % ext, b"", "fail", "file is empty")
        put("corpus/random.%s" % ext, rng.randbytes(4096), "fail", "not a PDF, nor a recognised image")
    put("text/zero.txt", b"", "fail", "file is empty")
    put("text/random.txt", rng.randbytes(4096), "fail", "not valid UTF-8")

    sample_png = fixture("sample/notice.png")
    jpeg = fixture("scans/002-p1-150-photo.jpg")
    tiff = fixture("scans/001-p2-200-bilevel.tif")
    scan_pdf = fixture("pdf/ccitt-200dpi-3pages.pdf")
    put("corpus/truncated.png", sample_png[:len(sample_png) // 2], "fail", "damaged or truncated")
    put("corpus/truncated.jpg", jpeg[:len(jpeg) // 2], "fail", "damaged or truncated")
    put("corpus/truncated.tif", tiff[:len(tiff) // 2], "fail", "the file is damaged")
    put("corpus/truncated.pdf", scan_pdf[:len(scan_pdf) // 2], "fail", "cannot read the PDF")
    put("corpus/broken-xref.pdf", broken_xref_pdf(), "done")
    put("corpus/blank-2000-pages.pdf", blank_pdf(2000), "fail", "all 2000 pages are blank")
    put("corpus/needs-password.pdf", fixture("pdf/needs-password.pdf"), "fail",
        "encrypted and needs a password")
    put("corpus/bomb-60000x60000.png", png_claiming(60000, 60000), "fail",
        "60000 x 60000 pixels exceeds the limit")
    put("corpus/bomb-65500x65500.jpg", jpeg_claiming(jpeg, 65500, 65500), "fail",
        "65500 x 65500 pixels exceeds the limit")
    put("corpus/tiny-1x1.png", uniform_png(1, 1, 0), "fail",
        "image of 1×1 pixels is too small to read")
    # 20 pixels high is a line of small print: read (it holds no text), not refused.
    put("corpus/strip-20000x20.png", striped_png(20000, 20), "done")
    put("corpus/all-white.png", uniform_png(2480, 3508, 255), "fail", "blank")
    put("corpus/all-black.png", uniform_png(2480, 3508, 0), "fail", "blank")

    notice = "Thông báo số 12/TB-SYT\n\nNội dung thông báo.\n".encode()
    put("text/nul-bytes.txt", notice.replace(b" ", b"\0", 3), "done")
    put("text/invalid-utf8.txt", notice + b"\xc3\x28 \xed\xa0\x80 \xff\n", "fail", "not valid UTF-8")
    put("text/utf16-bom.txt", b"\xff\xfe" + notice.decode().encode("utf-16-le"), "done")
    # 10 MB on one line: generated here, never committed.
    words = ["Thông", "báo", "số", "12/TB-SYT", "ngày", "26", "tháng", "7", "năm", "2024"]
    line = " ".join(words[i % len(words)] for i in range(10 * 1024 * 1024 // 5))
    put("text/one-line-10mb.txt", line.encode()[:10 * 1024 * 1024] + b"\n", "fail",
        "larger than the 4 MiB read as one document")

    # A name that is not UTF-8; the file itself is a good scan.
    with open(os.path.join(corpus.encode(), b"\xff\xfe.png"), "wb") as f:
        f.write(sample_png)
    expect.append(("corpus/\\xff\\xfe.png", "done", ""))

    # A folder that contains itself: loop/d/self -> .. (loop/ again).
    put("corpus/loop/d/inside-loop-1x1.png", uniform_png(1, 1, 0), "fail", "too small to read")
    os.symlink("..", os.path.join(corpus, "loop", "d", "self"))

    with open(os.path.join(out, "expect.tsv"), "w", encoding="utf-8") as f:
        for rel, outcome, pattern in expect:
            f.write("%s\t%s\t%s\n" % (rel, outcome, pattern))


if __name__ == "__main__":
    main()
