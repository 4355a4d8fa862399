#!/usr/bin/env python3
"""pdf_words.py — how many of the text output's words the PDF's text layer gives,
in the same order.

usage: pdf_words.py DIR MIN_SHARE
For every DIR/NAME.pdf with a DIR/NAME.txt beside it, `pdftotext` the PDF and
align its words with the text's words (longest matching blocks, so a word
missing or added costs only itself). Prints each file's share and the total;
exit 1 when the total share is below MIN_SHARE or a file has no words at all.
"""
import difflib
import pathlib
import subprocess
import sys


def words(text):
    return text.split()


def main():
    folder, minimum = pathlib.Path(sys.argv[1]), float(sys.argv[2])
    total = matched = 0
    bad = False
    for pdf in sorted(folder.glob("*.pdf")):
        txt = pdf.with_suffix(".txt")
        if not txt.exists():
            continue
        want = words(txt.read_text(encoding="utf-8"))
        got = words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                   capture_output=True, check=True, text=True).stdout)
        same = sum(b.size for b in difflib.SequenceMatcher(None, want, got,
                                                             autojunk=False).get_matching_blocks())
        total += len(want)
        matched += same
        share = same / len(want) if want else 1.0
        print(f"{pdf.name}: {same}/{len(want)} words ({share:.1%}), pdftotext gave {len(got)}")
        if want and not got:
            bad = True
    share = matched / total if total else 0.0
    print(f"total: {matched}/{total} words ({share:.2%}) in order")
    return 1 if bad or share < minimum else 0


if __name__ == "__main__":
    sys.exit(main())
