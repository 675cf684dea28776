#!/usr/bin/env bash
# reference-orientation in the PDF (docs/fo-subset.md): tests/data/fo/turned.fo, with
# block-containers turned 90, 180 and -90 (one absolute), links inside one and a page master
# at 90, renders; its tagged PDF passes the independent checker (tests/tools/pdfcheck.py,
# PDF/UA level) and its structure tree reads the turned text in the FO's order; the turned
# page keeps its portrait sheet; a link inside a turned container is an annotation on the
# bounding box of its turned rectangle (taller than wide); a turned page whose body's
# background fills the sheet (tests/data/fo/turned_background.fo) writes. Env: MSPDOC, MSP_TMP, MSP_ROOT.
set -uo pipefail
root=${MSP_ROOT:?}; bin=${MSPDOC:?}; tmp=${MSP_TMP:?}
py=/usr/bin/python3
rm -rf "$tmp"; mkdir -p "$tmp"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
fo="$root/tests/data/fo/turned.fo"

"$bin" render "$fo" -o "$tmp/turned.pdf" > "$tmp/render.out" 2>&1 || fail "render: $(head -3 "$tmp/render.out")"
grep -q ': error:' "$tmp/render.out" && fail "render printed an error: $(grep ': error:' "$tmp/render.out" | head -1)"
"$py" "$root/tests/tools/pdfcheck.py" --level ua --text-out "$tmp/turned.txt" "$tmp/turned.pdf" > "$tmp/check.out" 2>&1 \
    || fail "pdfcheck: $(head -3 "$tmp/check.out")"
cat > "$tmp/expected.txt" <<'TXT'
First upright paragraph.
Turned a quarter, with a link out.
Upside down text.
Positioned three quarters.
Last upright paragraph, see the upside one.
A landscape page on a portrait sheet.
TXT
diff <(tr -s ' \n' ' ' < "$tmp/expected.txt") <(tr -s ' \n' ' ' < "$tmp/turned.txt") > "$tmp/text.diff" \
    || fail "reading order: $(head -5 "$tmp/text.diff")"
size=$(pdfinfo -f 2 -l 2 "$tmp/turned.pdf" 2>/dev/null | sed -n 's/^Page *2 size: *\([0-9.]* x [0-9.]*\) pts.*/\1/p')
[ "$size" = "200 x 300" ] || fail "the turned page's sheet is '$size', expected '200 x 300'"
links=$("$py" - "$tmp/turned.pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
for a in pdf.pages[0].get("/Annots", []):
    uri = a.get("/A", {}).get("/URI")
    if uri is not None:
        x0, y0, x1, y1 = (float(v) for v in a.Rect)
        print("tall" if y1 - y0 > x1 - x0 else "wide")
PY
)
[ -n "$links" ] || fail "no URI link annotation on page 1"
echo "$links" | grep -qv tall && fail "a link inside the turned container is not turned: $links"
# a turned page whose region-body background covers the sheet, side regions of % extent
bg="$root/tests/data/fo/turned_background.fo"
"$bin" render "$bg" -o "$tmp/bg.pdf" > "$tmp/bg.out" 2>&1 || fail "render turned_background.fo: $(head -3 "$tmp/bg.out")"
"$py" "$root/tests/tools/pdfcheck.py" --level ua --text-out "$tmp/bg.txt" "$tmp/bg.pdf" > "$tmp/bgcheck.out" 2>&1 \
    || fail "pdfcheck turned_background: $(head -3 "$tmp/bgcheck.out")"
grep -q "A landscape page filled" "$tmp/bg.txt" || fail "turned_background: the body's text is not in the PDF"
[ "$fails" -eq 0 ] && echo "orientation_pdf: ok"
exit $((fails > 0))
