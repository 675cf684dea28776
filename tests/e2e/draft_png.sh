#!/usr/bin/env bash
# `mspdoc build --draft --png DIR`: every PNG page carries the PDF's draft
# marks. The watermark's grey (draw.c: 0.85, i.e. 217) fills the centre of
# each draft page and not of the final one; the stamp is drawn near the
# bottom edge and follows SOURCE_DATE_EPOCH: two drafts built at two epochs
# differ in that band and nowhere else.
# Env: MSPDOC (CLI binary), MSP_ROOT, MSP_TMP.
set -eu
ROOT=${MSP_ROOT:?}
TMP=${MSP_TMP:?}
rm -rf "$TMP"
mkdir -p "$TMP"
fail() { echo "draft_png: $*"; exit 1; }
PIX="python3 $ROOT/tests/tools/pngpixels.py"
src="$ROOT/data/papers/000-coop-assistance-report-fr.xml"
WATERMARK_GREY=217,217,217

SOURCE_DATE_EPOCH=1759881600 "$MSPDOC" build "$src" --draft -o "$TMP/d.pdf" --png "$TMP/draft" >/dev/null 2>&1 \
    || fail "draft build failed"
SOURCE_DATE_EPOCH=1759881600 "$MSPDOC" build "$src" -o "$TMP/f.pdf" --png "$TMP/final" >/dev/null 2>&1 \
    || fail "final build failed"
pages=$(pdfinfo "$TMP/d.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 2 ] || fail "expected a paper of several pages, got $pages"
[ "$(ls "$TMP/draft" | wc -l)" -eq "$pages" ] || fail "not one PNG per page: $(ls "$TMP/draft")"

for n in $(seq 1 "$pages"); do
    d=$($PIX count "$TMP/draft/d-$n.png" $WATERMARK_GREY 2 0.25 0.25 0.75 0.75)
    f=$($PIX count "$TMP/final/f-$n.png" $WATERMARK_GREY 2 0.25 0.25 0.75 0.75)
    # the watermark is a 130 pt word: thousands of solid pixels at 96 dpi;
    # the final page has that grey only on the edges of antialiased text
    [ "$d" -gt 5000 ] || fail "page $n: no watermark in the draft PNG ($d pixels of its grey in the centre)"
    [ "$d" -gt $((10 * f)) ] || fail "page $n: the final PNG has as much watermark grey as the draft ($f vs $d)"
done

# the stamp: only the build time changes, so only the stamp's band changes
SOURCE_DATE_EPOCH=1791417900 "$MSPDOC" build "$src" --draft -o "$TMP/d2.pdf" --png "$TMP/draft2" >/dev/null 2>&1 \
    || fail "second draft build failed"
pdftotext "$TMP/d2.pdf" - | grep -q "Draft built $(date -u -d @1791417900 '+%Y-%m-%d %H:%M') UTC" \
    || fail "the second draft's PDF does not have its stamp"
for n in $(seq 1 "$pages"); do
    read -r count x0 y0 x1 y1 <<< "$($PIX diff "$TMP/draft/d-$n.png" "$TMP/draft2/d2-$n.png")"
    [ "$count" -gt 0 ] || fail "page $n: the PNG does not change with the stamp's date (no stamp drawn?)"
    # 32 pt above the bottom edge of 842 pt: the band below 90 % of the height
    awk -v y0="$y0" -v y1="$y1" 'BEGIN { exit !(y0 > 0.9 && y1 < 1.0) }' \
        || fail "page $n: the two drafts differ outside the stamp's band ($y0..$y1 of the height)"
    awk -v x0="$x0" -v x1="$x1" 'BEGIN { exit !(x0 > 0.3 && x1 < 0.7) }' \
        || fail "page $n: the stamp is not centred ($x0..$x1 of the width)"
done
echo "ok: draft PNG pages carry the watermark and the stamp"
