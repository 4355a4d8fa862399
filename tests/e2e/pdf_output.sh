#!/usr/bin/env bash
# pdf_output.sh — the searchable PDF (-f pdf). One pass writes text and PDF for every
# fixture scan and three fixture PDFs; then, for each: qpdf finds no damage,
# the font is embedded, the file declares PDF/A-2b in its XMP, pdftotext gives
# the text output's words in order (>= 99% over all), the image is the input's
# (size; JPEG bytes passed through; 1-bit as CCITT, never 8-bit), Poppler
# decodes exactly the input's pixels from it, and the page is the image's size
# at its dpi. A PDF that kept its own text layer is
# returned unchanged. Bad cases: an output path that cannot be made fails the
# input by name and leaves nothing, so does a disk that fills; several PDFs
# without -o is a usage error.
# usage: pdf_output.sh VANTHU FIXTURES PIXEL_CHECK WORDS_CHECK
set -u
vanthu=$1 fixtures=$2 pixel_check=$3 words_check=$4
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"

"$vanthu" -q -j 2 -f text,pdf -o "$T/out/" "$fixtures/scans" "$fixtures/pdf/ccitt-200dpi-3pages.pdf" \
  "$fixtures/pdf/jpeg-colour-300dpi-2pages.pdf" "$fixtures/pdf/text-layer.pdf" 2> "$T/err"
check "one pass writes every input's text and PDF" test $? -eq 0
for pdf in "$T"/out/*.pdf; do
  name=$(basename "$pdf" .pdf)
  check "$name.pdf passes qpdf --check" qpdf --check "$pdf"
  [ "$name" = text-layer ] && continue
  check "$name.pdf embeds its font" bash -c "pdffonts '$pdf' | awk 'NR > 2 && \$(NF-4) != \"yes\" {bad = 1} NR > 2 {n++} END {exit bad || n == 0}'"
  check "$name.pdf declares PDF/A-2b" bash -c "pdfinfo -meta '$pdf' | grep -q '<pdfaid:part>2</pdfaid:part>'"
done
check "pdftotext gives the text's words in order (>= 99%)" python3 "$words_check" "$T/out" 0.99
check "a PDF with its own good text layer comes back unchanged" \
  cmp "$T/out/text-layer.pdf" "$fixtures/pdf/text-layer.pdf"

# The stored image, as it was: size, encoding, pixels.
for scan in "$fixtures"/scans/*.{png,jpg,tif}; do
  name=$(basename "${scan%.*}")
  pdf="$T/out/$name.pdf"
  read -r width height colour bpc enc ppi < <(pdfimages -list "$pdf" | awk 'NR == 3 {print $4, $5, $6, $8, $9, $13}')
  read -r in_width in_height in_depth < <("$pixel_check" "$scan")
  check "$name: the page image is the input's size (${width}x$height)" test "$width" = "$in_width" -a "$height" = "$in_height"
  case "$scan" in
    *.jpg) check "$name: the JPEG's own bytes" bash -c "pdfimages -j -f 1 -l 1 '$pdf' '$T/img-$name' && cmp '$T/img-$name-000.jpg' '$scan'" ;;
  esac
  [ "$in_depth" = 1 ] && check "$name: 1-bit stays 1-bit CCITT ($bpc bpc, $enc)" test "$bpc" = 1 -a "$enc" = ccitt
  # The pixels Poppler decodes from the page are the input's. (Rendering the page
  # at its dpi is not compared: its size in points is a float, 595.2 is written
  # 595.20001, and pdftoppm then rounds the page up a pixel and resamples.)
  pdfimages -png -f 1 -l 1 "$pdf" "$T/decoded-$name"
  check "$name: Poppler decodes the input's pixels" "$pixel_check" "$scan" 1 "$T/decoded-$name-000.png"
  check "$name: the page is the image's size at its dpi ($ppi)" \
    bash -c "pdfinfo '$pdf' | awk -v w=$width -v r=$ppi '/^Page size:/ {d = \$3 * r / 72 - w; exit !(d < 0.01 && d > -0.01)}'"
done

# A scanned PDF's pages keep their images' size, depth and encoding: a CCITT
# page stays 1-bit CCITT (Poppler hands it back as 8 bits; an 8-bit copy doubled
# the size), a JPEG page keeps its own bytes (a Flate copy was 1.6 times bigger).
for input in ccitt-200dpi-3pages jpeg-colour-300dpi-2pages; do
  want=$(pdfimages -list "$fixtures/pdf/$input.pdf" | awk 'NR > 2 {print $4, $5, $8, $9}')
  got=$(pdfimages -list "$T/out/$input.pdf" | awk 'NR > 2 {print $4, $5, $8, $9}')
  check "$input: every page image keeps its size, depth and encoding" test "$want" = "$got"
done
pdfimages -j "$fixtures/pdf/jpeg-colour-300dpi-2pages.pdf" "$T/jpeg-in"
pdfimages -j "$T/out/jpeg-colour-300dpi-2pages.pdf" "$T/jpeg-out"
check "jpeg-colour-300dpi-2pages: the pages' JPEG bytes are the input's" \
  bash -c "cmp '$T/jpeg-in-000.jpg' '$T/jpeg-out-000.jpg' && cmp '$T/jpeg-in-001.jpg' '$T/jpeg-out-001.jpg'"

# Bad output paths and usage.
sample="$fixtures/sample/notice.png"
touch "$T/a-file"
"$vanthu" -f pdf -o "$T/a-file/sub/notice.pdf" "$sample" 2> "$T/bad.err"
check "an output path that cannot be made fails" test $? -ne 0
check "the failure names the output" grep -q "a-file/sub/notice.pdf" "$T/bad.err"
check "nothing is left of it" test -z "$(find "$T" -name 'notice.pdf*')"
# A disk that fills: a 100 KiB file-size limit lets the text through, not the
# PDF (about 200 KB), so neither may be left.
(ulimit -f 100; "$vanthu" -q -f text,pdf -o "$T/full/" "$sample" 2> "$T/full.err")
check "a PDF that cannot be written fails the input" test $? -eq 1
check "no output is left of it" test -z "$(find "$T/full" -type f ! -name '.vanthu-manifest.tsv')"
"$vanthu" -f pdf "$sample" "$sample" > /dev/null 2> "$T/usage.err"
check "several PDFs without -o is a usage error" test $? -eq 2
"$vanthu" -f pdf "$sample" > "$T/stdout.pdf" 2> /dev/null
check "one PDF can go to standard output" qpdf --check "$T/stdout.pdf"
check_summary
