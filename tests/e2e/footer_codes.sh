#!/usr/bin/env bash
# The first-page footer of final papers (FORMAT.md 5.9): job number at x 56.69 / top y 731.34,
# Code 39 barcode of *2522222* under it (8.5 mm high, 143 narrow modules of 0.24 mm), QR code
# of http://undocs.org/<symbol> at x 481.89 / top y 717.17 (module 0.55 mm), all drawn as
# vector rectangles (area tree), decoded back from a 150 dpi rendering with zbarimg
# (zbar-tools); none of it on a draft or an advance copy; bad graphics are refused with a place.
# Env: MSPDOC (CLI binary), MSP_ROOT, MSP_TMP.
set -u
ROOT=${MSP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=${MSP_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
[ -x "${MSPDOC:-}" ] || { echo "footer_codes: MSPDOC is not an executable"; exit 1; }
for tool in xmllint pdftoppm zbarimg; do
  command -v "$tool" >/dev/null || { echo "footer_codes: $tool is required (zbarimg: apt-get install zbar-tools)"; exit 1; }
done
export MSP_ROOT="$ROOT"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# xp TREE XPATH -> the XPath value (numbers as xmllint prints them)
xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }
# near GOT WANT TOL: |GOT - WANT| <= TOL
near() { awk -v g="$1" -v e="$2" -v t="$3" 'BEGIN { d = g - e; if (d < 0) d = -d; exit !(g != "" && d <= t) }'; }
check() {   # check WHAT GOT WANT TOL
  near "$2" "$3" "$4" || fail "$1 = '$2', expected $3 (+/- $4)"
}

SRC="$ROOT/tests/data/papers/ok-job-number.xml"
T="$TMP/job.xml"
if ! "$MSPDOC" build "$SRC" -o "$TMP/job.pdf" --area-tree "$T" >"$TMP/job.log" 2>&1; then
  fail "build of ok-job-number.xml failed: $(head -5 "$TMP/job.log")"
  echo "footer_codes: $fails failure(s)"
  exit 1
fi

P1="/area-tree/page[1]"
# --- job number: 10/12 Liberation Serif, top 731.34 = baseline - half-leading 0.47 - ascent 8.91
JOB="$P1/line[@zone='after'][starts-with(., 'GE.25-22222 (E)')]"
[ "$(xp "$T" "count($JOB)")" = 1 ] || fail "no job number line 'GE.25-22222 (E)' on page 1"
check "job number x" "$(xp "$T" "string($JOB/@x)")" 56.69 0.01
check "job number top" "$(xp "$T" "$JOB/@y - 9.37")" 731.34 0.05

# --- barcode: rects left of the QR column
BAR="$P1/rect[@zone='after'][@x < 300]"
check "barcode bars" "$(xp "$T" "count($BAR)")" 45 0            # 9 characters x 5 bars
check "barcode left" "$(xp "$T" "string($BAR[1]/@x)")" 56.69 0.01
last_right=$(xp "$T" "$BAR[last()]/@x + $BAR[last()]/@w")
check "barcode right" "$last_right" "$(awk 'BEGIN { print 56.69 + 143 * 0.24 * 72 / 25.4 }')" 0.02
check "bars of another height" "$(xp "$T" "count($BAR[@h != '24.09'])")" 0 0   # 8.5 mm
bar_top=$(xp "$T" "string($BAR[1]/@y)")
check "bars not on one top" "$(xp "$T" "count($BAR[@y != $bar_top])")" 0 0
near "$bar_top" 743.34 4 || fail "barcode top $bar_top is not just under the job number line (743.34)"
TXT="$P1/line[@zone='after'][. = '*2522222*']"
[ "$(xp "$T" "count($TXT)")" = 1 ] || fail "no human-readable line '*2522222*' under the barcode"
near "$(xp "$T" "$TXT/@y - $bar_top")" 32 3 || fail "the barcode text is not right under the bars"

# --- QR: 29 x 29 modules (version 3: the URL needs 274 bits at level M) of 0.55 mm = 45.21 pt
QR="$P1/rect[@zone='after'][@x >= 300]"
side=$(awk 'BEGIN { print 29 * 0.55 * 72 / 25.4 }')
[ "$(xp "$T" "count($QR)")" -gt 29 ] || fail "too few QR rects: $(xp "$T" "count($QR)")"
# extent of the QR rects: "minx miny maxx maxy"
ext=$(awk '/<\/page>/ { exit } /<rect zone="after"/ {
         for (i = 1; i <= NF; i++) { split($i, kv, "=\""); v = kv[2] + 0; a[kv[1]] = v }
         if (a["x"] < 300) next
         if (n++ == 0 || a["x"] < x0) x0 = a["x"]; if (n == 1 || a["y"] < y0) y0 = a["y"]
         if (a["x"] + a["w"] > x1) x1 = a["x"] + a["w"]; if (a["y"] + a["h"] > y1) y1 = a["y"] + a["h"] }
       END { print x0, y0, x1, y1 }' "$T")
read -r qx0 qy0 qx1 qy1 <<<"$ext"
check "QR left" "$qx0" 481.89 0.01
check "QR top" "$qy0" 717.17 0.01
check "QR right" "$qx1" "$(awk -v s="$side" 'BEGIN { print 481.89 + s }')" 0.03
check "QR bottom" "$qy1" "$(awk -v s="$side" 'BEGIN { print 717.17 + s }')" 0.03
check "QR modules not 0.55 mm high" "$(xp "$T" "count($QR[@h != '1.56'])")" 0 0
# horizontal runs are merged: far fewer rects than dark modules, some wider than one module
[ "$(xp "$T" "count($QR[@w > 8])")" -gt 0 ] || fail "QR runs are not merged (no rect wider than 5 modules)"
# only page 1 has them
check "codes on later pages" "$(xp "$T" "count(/area-tree/page[position() > 1]/rect[@zone='after'])")" 0 0

# --- decode what was drawn
pdftoppm -png -r 150 -f 1 -l 1 "$TMP/job.pdf" "$TMP/job" || fail "pdftoppm failed"
codes=$(zbarimg --quiet --raw -Sdisable -Sqrcode.enable -Scode39.enable "$TMP"/job-1.png 2>/dev/null | sort)
want=$(printf '%s\n' "2522222" "http://undocs.org/APLC/MSP.22/2025/22" | sort)
[ "$codes" = "$want" ] || fail "zbarimg decoded '$codes', expected '$want'"

# --- no footer codes on a draft or an advance copy
TD="$TMP/draft.xml"
if "$MSPDOC" build "$SRC" --draft -o "$TMP/draft.pdf" --area-tree "$TD" >"$TMP/draft.log" 2>&1; then
  check "draft: rects in the footer" "$(xp "$TD" "count($P1/rect[@zone='after'])")" 0 0
  check "draft: job number lines" "$(xp "$TD" "count(//line[contains(., 'GE.25-22222')])")" 0 0
else
  fail "draft build failed: $(head -3 "$TMP/draft.log")"
fi
sed 's#<job #<advance-copy/>\n    <job #' "$SRC" >"$TMP/advance.xml"
if "$MSPDOC" build "$TMP/advance.xml" -o "$TMP/advance.pdf" --area-tree "$TMP/advance-t.xml" >"$TMP/advance.log" 2>&1; then
  check "advance copy: rects in the footer" "$(xp "$TMP/advance-t.xml" "count($P1/rect[@zone='after'])")" 0 0
else
  fail "advance copy build failed: $(head -3 "$TMP/advance.log")"
fi

# --- refused graphics: message and place (file:line)
fo_with() {   # fo_with FILE INNER: a one-page FO whose block (line 5) holds INNER
  printf '%s\n' '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:g="urn:x-mspdoc:graphics">' \
    '<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="200pt" page-height="200pt">' \
    '<fo:region-body/></fo:simple-page-master></fo:layout-master-set>' \
    '<fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">' \
    "<fo:block>$2</fo:block></fo:flow></fo:page-sequence></fo:root>" >"$1"
}
refused() {   # refused NAME INNER REGEX
  fo_with "$TMP/$1.fo" "$2"
  if "$MSPDOC" render "$TMP/$1.fo" -o "$TMP/$1.pdf" >"$TMP/$1.log" 2>&1; then
    fail "$1: rendered, expected an error"
  elif ! grep -Eq "$3" "$TMP/$1.log"; then
    fail "$1: message does not match /$3/: $(head -2 "$TMP/$1.log")"
  fi
  [ -e "$TMP/$1.pdf" ] && fail "$1: a PDF was left behind"
}
refused mathml '<fo:instream-foreign-object><math xmlns="http://www.w3.org/1998/Math/MathML"/></fo:instream-foreign-object>' \
  '^.*mathml\.fo:5:[0-9]+: error: only SVG \(http://www.w3.org/2000/svg\) and mspdoc graphics \(urn:x-mspdoc:graphics\) are supported in fo:instream-foreign-object'
refused lower '<fo:instream-foreign-object><g:code39 data="*25a*"/></fo:instream-foreign-object>' \
  "^.*lower\.fo:5:[0-9]+: error: .*Code 39 cannot encode 'a'"
refused level '<fo:instream-foreign-object><g:qr data="x" level="X"/></fo:instream-foreign-object>' \
  '^.*level\.fo:5:[0-9]+: error: .*error correction level'
fo_with "$TMP/ok.fo" 'QR <fo:instream-foreign-object><g:qr data="x"/></fo:instream-foreign-object> end'
"$MSPDOC" render "$TMP/ok.fo" -o "$TMP/ok.pdf" --area-tree "$TMP/ok-t.xml" >"$TMP/ok.log" 2>&1 ||
  fail "inline QR in a text line: $(head -2 "$TMP/ok.log")"

[ "$fails" -eq 0 ] && echo "footer_codes: ok" || echo "footer_codes: $fails failure(s)"
[ "$fails" -eq 0 ]
