#!/usr/bin/python3
"""Build vanthu-glyphless.ttf: the font of the archive PDF's invisible text layer.

Every character a notice may hold maps to one glyph that draws nothing and is
half an em wide; the PDF writer stretches each word to its box (Tz), so the
shapes never matter, only that the characters are there to search and copy.
A real font (DejaVu) would add ~60 KB to every page's PDF for glyphs nobody
sees. Tesseract's own pdf.ttf has no character map, which libharu needs to
build the CID-to-glyph map and the ToUnicode map of a Type 0 font.

Uses fontTools (Debian: python3-fonttools). Run: models/fonts/build-glyphless.py
(writes the font beside this script). Own work, under the project's licence.
"""
import array
import os
import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import newTable
from fontTools.ttLib.tables.ttProgram import Program

# Latin (Vietnamese letters precomposed and with combining marks), Greek,
# Cyrillic, punctuation, currency, letterlike, arrows, maths, box and shape
# symbols, CJK punctuation, and U+FFFD, which the writer puts for the rest.
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x052F), (0x1D00, 0x1FFF), (0x2000, 0x2064),
    (0x2070, 0x2BFF), (0x3000, 0x303F), (0xFB00, 0xFB06), (0xFFFD, 0xFFFD),
]
UNITS = 1000


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vanthu-glyphless.ttf")
    fb = FontBuilder(UNITS, isTTF=True)
    fb.setupGlyphOrder([".notdef", "blank"])
    cmap = {c: "blank" for lo, hi in RANGES for c in range(lo, hi + 1)}
    fb.setupCharacterMap(cmap)
    empty = TTGlyphPen(None).glyph()
    fb.setupGlyf({".notdef": empty, "blank": empty})
    fb.setupHorizontalMetrics({".notdef": (UNITS // 2, 0), "blank": (UNITS // 2, 0)})
    fb.setupHorizontalHeader(ascent=UNITS, descent=0)
    fb.setupNameTable({"familyName": "VanthuGlyphless", "styleName": "Regular",
                       "uniqueFontIdentifier": "VanthuGlyphless-1",
                       "fullName": "VanthuGlyphless", "psName": "VanthuGlyphless",
                       "version": "Version 1.0",
                       "licenseDescription": "GPL-3.0-or-later, part of vanthu"})
    fb.setupOS2(sTypoAscender=UNITS, sTypoDescender=0, usWinAscent=UNITS, usWinDescent=0,
                fsType=0)
    fb.setupPost()
    # libharu requires these hinting tables to exist, empty as they are here.
    fb.font["cvt "] = newTable("cvt ")
    fb.font["cvt "].values = array.array("h", [0])
    for tag in ("fpgm", "prep"):
        table = newTable(tag)
        table.program = Program()
        table.program.fromBytecode(b"")
        fb.font[tag] = table
    # Fixed dates: the same script gives the same bytes.
    fb.font["head"].created = fb.font["head"].modified = 3786825600
    fb.font.recalcTimestamp = False
    fb.save(out)
    print(f"{out}: {os.path.getsize(out)} bytes, {len(cmap)} characters")


if __name__ == "__main__":
    sys.exit(main())
