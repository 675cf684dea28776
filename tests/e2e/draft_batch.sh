#!/usr/bin/env bash
# `mspdoc batch --draft`: the thumbnails (index.html's first pages) carry
# the PDF's draft marks, the watermark's grey (217) in their centre and the
# stamp near the bottom edge (two epochs: the thumbnails differ in that band
# only); the PDFs have the stamp with SOURCE_DATE_EPOCH and the source's
# digest. Without SOURCE_DATE_EPOCH the stamp has the clock, yet a second
# run is up to date: the build key never holds the clock.
source "$MSP_ROOT/tests/data/batch/lib.sh"
PIX="python3 $PROJECT/tests/tools/pngpixels.py"
WATERMARK_GREY=217,217,217
src="$MSP_TMP/src"
mkdir -p "$src"
cp "$PROJECT/data/papers/"*.xml "$src/"
NS=$(ls "$src"/*.xml | wc -l)

SOURCE_DATE_EPOCH=1759881600 "$MSPDOC" batch "$src" -O "$MSP_TMP/final" -j 2 -q 2>/dev/null || fail "final batch failed"
SOURCE_DATE_EPOCH=1759881600 "$MSPDOC" batch "$src" -O "$MSP_TMP/draft" -j 2 -q --draft 2>/dev/null || fail "draft batch failed"
SOURCE_DATE_EPOCH=1791417900 "$MSPDOC" batch "$src" -O "$MSP_TMP/draft2" -j 2 -q --draft 2>/dev/null || fail "second draft batch failed"
[ "$(ls "$MSP_TMP/draft/thumbs/"*.png | wc -l)" -eq "$NS" ] || fail "not one thumbnail per paper"
grep -q 'thumbs/APLC_MSP.22_2025_22-F.png' "$MSP_TMP/draft/index.html" || fail "index.html shows no thumbnail"

for t in "$MSP_TMP/draft/thumbs/"*.png; do
    name=$(basename "$t")
    # the watermark is solid grey 217: counted exactly (the antialiased edges of dense
    # Chinese text hold hundreds of pixels within 2 of it)
    d=$($PIX count "$t" $WATERMARK_GREY 0 0.25 0.25 0.75 0.75)
    f=$($PIX count "$MSP_TMP/final/thumbs/$name" $WATERMARK_GREY 0 0.25 0.25 0.75 0.75)
    # at 30 dpi the watermark is still over a thousand solid pixels
    [ "$d" -gt 1000 ] || fail "$name: no watermark in the draft's thumbnail ($d pixels of its grey)"
    [ "$d" -gt $((5 * f)) ] || fail "$name: the final thumbnail has as much watermark grey ($f vs $d)"
    read -r count x0 y0 x1 y1 <<< "$($PIX diff "$t" "$MSP_TMP/draft2/thumbs/$name")"
    [ "$count" -gt 0 ] || fail "$name: the thumbnail does not change with the stamp's date (no stamp?)"
    awk -v y0="$y0" 'BEGIN { exit !(y0 > 0.9) }' || fail "$name: two drafts' thumbnails differ above the stamp's band (from $y0)"
done

pdf="$MSP_TMP/draft/APLC_MSP.22_2025_22-F.pdf"
pdftotext "$pdf" "$MSP_TMP/draft.txt"
grep -qxF "Draft built 2025-10-08 00:00 UTC, source $(sha256sum "$src/000-coop-assistance-report-fr.xml" | cut -c1-12)" "$MSP_TMP/draft.txt" \
    || fail "the batch's draft has not the stamp of SOURCE_DATE_EPOCH and its source"

# the clock: in the stamp, never in the key
out="$MSP_TMP/clock"
before=$(date -u '+%Y-%m-%d %H:%M')
env -u SOURCE_DATE_EPOCH "$MSPDOC" batch "$src" -O "$out" -j 2 -q --draft 2>/dev/null || fail "draft batch without SOURCE_DATE_EPOCH failed"
after=$(date -u '+%Y-%m-%d %H:%M')
pdftotext "$out/APLC_MSP.22_2025_22-E.pdf" "$MSP_TMP/clock.txt"
got=$(grep "Draft built" "$MSP_TMP/clock.txt" | sort -u | sed 's/, source.*//')
[ "$got" = "Draft built $before UTC" ] || [ "$got" = "Draft built $after UTC" ] \
    || fail "without SOURCE_DATE_EPOCH the batch's stamp is '$got', not the build time"
sleep 1
env -u SOURCE_DATE_EPOCH "$MSPDOC" batch "$src" -O "$out" -j 2 --draft 2>"$MSP_TMP/again.err" || fail "second run failed"
[ "$(json_total "$out" up_to_date)" -eq "$NS" ] || { cat "$MSP_TMP/again.err"; fail "a second draft run without SOURCE_DATE_EPOCH rebuilt papers"; }
grep -qxF "mspdoc batch: up-to-date APLC/MSP.22/2025/22 (fr)" "$MSP_TMP/again.err" || fail "no up-to-date line: $(cat "$MSP_TMP/again.err")"
echo "ok: draft thumbnails carry the marks, the key holds no clock"
