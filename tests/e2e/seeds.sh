#!/usr/bin/env bash
# seeds.sh — the five seed notices through `vanthu --input-kind text`: the header's
# number and date, the receipt stamp OCR mixed into seed 002's header (reported in
# JSON, gone from the text), and the processing slip (an attachment, not text),
# against the hand labels in fixtures/labels/headers.tsv.
# usage: seeds.sh VANTHU JSON_CHECK LABELS_DIR
set -u
vanthu=$1 json_check=$2 labels=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/check.sh"
get() { "$json_check" --get "$1" "$T/out.json"; }
same() {  # same GOT WANT: WANT "-" means null
  local want=$2
  [ "$want" = "-" ] && want=null
  [ "$1" = "$want" ] || { echo "     got '$1', want '$want'"; return 1; }
}

while IFS=$'\t' read -r seed number date stamp_number stamp_date slip; do
  [[ "$seed" == \#* ]] && continue
  file=$(ls "$labels"/seeds/"$seed"_*.txt)
  "$vanthu" -q --input-kind text -f json -o "$T/out.json" "$file" || { check "$seed: runs" false; continue; }
  check "$seed: document.number" same "$(get document.number.normalized)" "$number"
  check "$seed: document.date" same "$(get document.date.iso)" "$date"
  check "$seed: receipt_stamp.number" same "$(get receipt_stamp.number)" "$stamp_number"
  check "$seed: receipt_stamp.date" same "$(get receipt_stamp.date)" "$stamp_date"
  get text > "$T/text"
  if [ "$stamp_number" != "-" ]; then
    # every line the stamp put in the text is gone, the notice's own lines stay
    check "$seed: no stamp line left in the text" sh -c "! grep -qxE 'Số: $stamp_number|Ngày: [0-9/]+' '$T/text'"
    while IFS= read -r line; do
      [ -n "$line" ] || continue
      check "$seed: stamp line '$line' gone" sh -c "! grep -qxF -- \"\$1\" '$T/text'" _ "$line"
    done < <(get receipt_stamp.raw)
  fi
  # The header's own words survive stamp removal: of the words on the input's first
  # six lines that the stamp did not put there, at most one in ten may be missing
  # (repairs change a few; a dropped header line loses many).
  get receipt_stamp.raw > "$T/stamp"
  grep -v '^[[:space:]]*$' "$file" | head -n 6 | tr -s ' \t' '\n\n' | grep -v '^$' \
    | grep -vxF -f "$T/stamp" > "$T/header_words" || true
  while IFS= read -r w; do
    grep -qwF -- "$w" "$T/stamp" || printf '%s\n' "$w"
  done < "$T/header_words" > "$T/own_words"
  check "$seed: header words kept" sh -c '
    total=$(wc -l < "$1"); missing=0
    while IFS= read -r w; do grep -qF -- "$w" "$2" || missing=$((missing + 1)); done < "$1"
    [ "$total" -gt 0 ] && [ $((missing * 10)) -le "$total" ] || { echo "     $missing of $total header words missing"; exit 1; }' _ "$T/own_words" "$T/text"
  if [ "$slip" = yes ]; then
    check "$seed: the processing slip is an attachment" same "$(get 'attachments[].kind')" processing_slip
    check "$seed: and not in the text" sh -c "! grep -qi 'PHIẾU GIẢI QUYẾT' '$T/text'"
  else
    check "$seed: no attachment" same "$(get 'attachments[].kind')" ""
  fi
  check "$seed: record is valid" "$json_check" "$T/out.json" > /dev/null
done < "$labels/headers.tsv"

check_summary
