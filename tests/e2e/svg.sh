#!/usr/bin/env bash
# SVG graphics end to end: an FO with an inline SVG (fo:instream-foreign-object, shapes and an
# SVG <text>) and an .svg file (fo:external-graphic) renders as tagged PDF (the inline SVG's
# <title> is its alternative text, the file's is fox:alt-text); the PDF holds no raster image (pdfimages: the SVG is drawn as
# vectors), the FO's text is in it (pdftotext), the shapes are drawn where the area tree puts
# them (a 72 dpi rendering read with tests/tools/pngpixels.py), and a refused SVG leaves a
# located error and no PDF.
# Env: MSPDOC (CLI binary), MSP_ROOT, MSP_TMP.
set -u
ROOT=${MSP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=${MSP_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
[ -x "${MSPDOC:-}" ] || { echo "svg: MSPDOC is not an executable"; exit 1; }
for tool in xmllint pdfimages pdftotext pdftoppm python3; do
  command -v "$tool" >/dev/null || { echo "svg: $tool is required (poppler-utils, libxml2-utils)"; exit 1; }
done
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
PIX="python3 $ROOT/tests/tools/pngpixels.py"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }
near() { awk -v g="$1" -v e="$2" -v t="$3" 'BEGIN { d = g - e; if (d < 0) d = -d; exit !(g != "" && d <= t) }'; }

# a 100 x 50 pt green box with a blue circle, in a file beside the FO
cat >"$TMP/box.svg" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="50pt" viewBox="0 0 100 50">
  <title>Green box</title>
  <rect x="0" y="0" width="100" height="50" fill="#00ff00"/>
  <circle cx="50" cy="25" r="20" fill="#0000ff"/>
</svg>
EOF
cat >"$TMP/doc.fo" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:svg="http://www.w3.org/2000/svg"
         xmlns:fox="http://xmlgraphics.apache.org/fop/extensions" language="en" font-family="Liberation Serif" font-size="11pt">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="p" page-width="300pt" page-height="300pt" margin="20pt">
      <fo:region-body/>
    </fo:simple-page-master>
  </fo:layout-master-set>
  <fo:page-sequence master-reference="p">
    <fo:title>SVG figures</fo:title>
    <fo:flow flow-name="xsl-region-body">
      <fo:block>Figure one
        <fo:instream-foreign-object content-width="80pt">
          <svg:svg width="40mm" height="20mm" viewBox="0 0 40 20">
            <svg:title>Red square and label</svg:title>
            <svg:rect x="0" y="0" width="40" height="20" fill="#ff0000"/>
            <svg:text x="2" y="15" font-family="Liberation Sans" font-size="8">Inside</svg:text>
          </svg:svg>
        </fo:instream-foreign-object> follows the text.</fo:block>
      <fo:block space-before="10pt">Figure two <fo:external-graphic src="box.svg" fox:alt-text="Green box"/> from a file.</fo:block>
      <fo:block>Tall <fo:instream-foreign-object fox:alt-text="Tall bar"><svg:svg width="20pt" height="30pt">
          <svg:rect width="100%" height="100%" fill="#ff00ff"/></svg:svg></fo:instream-foreign-object>
        framed <fo:instream-foreign-object fox:alt-text="Framed bar" block-progression-dimension="30pt"
          display-align="after" border="1pt solid black" background-color="#ffff00"><svg:svg width="20pt"
          height="20pt"><svg:rect width="100%" height="100%" fill="#ff00ff"/></svg:svg></fo:instream-foreign-object>
        end.</fo:block>
    </fo:flow>
  </fo:page-sequence>
</fo:root>
EOF
if ! "$MSPDOC" render --check-text "$TMP/doc.fo" -o "$TMP/doc.pdf" --area-tree "$TMP/doc.xml" >"$TMP/doc.log" 2>&1; then
  fail "render failed: $(head -5 "$TMP/doc.log")"
  echo "svg: $fails failure(s)"
  exit 1
fi
[ -s "$TMP/doc.log" ] && fail "render wrote messages: $(head -3 "$TMP/doc.log")"

# vectors only: pdfimages lists no image (its two header lines only); also for a graphic taller
# than wide and for one in a frame (cairo turned both into images once)
n=$(pdfimages -list "$TMP/doc.pdf" | tail -n +3 | wc -l)
[ "$n" = 0 ] || fail "the PDF holds $n raster image(s): $(pdfimages -list "$TMP/doc.pdf" | tail -n +3 | head -2)"

# the FO's text is all there, once (the SVG's "Inside" is drawn as graphics, not FO text)
text=$(pdftotext "$TMP/doc.pdf" - | tr -s ' \n' '  ')
for w in "Figure one" "follows the text." "Figure two" "from a file." "Tall" "framed" "end."; do
  case $text in *"$w"*) ;; *) fail "'$w' is not in the PDF's text: $text" ;; esac
done

# area tree: the inline SVG scaled to 80 x 40 pt (content-width, uniform), the file 100 x 50 pt
T="$TMP/doc.xml"
[ "$(xp "$T" 'count(//image)')" = 4 ] || fail "expected 4 image areas, got $(xp "$T" 'count(//image)')"
near "$(xp "$T" 'string(//image[1]/@w)')" 80 0.01 || fail "inline SVG width $(xp "$T" 'string(//image[1]/@w)'), expected 80"
near "$(xp "$T" 'string(//image[1]/@h)')" 40 0.01 || fail "inline SVG height $(xp "$T" 'string(//image[1]/@h)'), expected 40"
near "$(xp "$T" 'string(//image[2]/@w)')" 100 0.01 || fail "file SVG width $(xp "$T" 'string(//image[2]/@w)'), expected 100"

# drawn where the areas are: red inside the first, green and blue inside the second
pdftoppm -png -r 72 -singlefile "$TMP/doc.pdf" "$TMP/page" || fail "pdftoppm failed"
region() {   # region N: the Nth image area as fractions of the 300 pt page, shrunk by 3 pt a side
  local x y w h
  x=$(xp "$T" "string(//image[$1]/@x)"); y=$(xp "$T" "string(//image[$1]/@y)")
  w=$(xp "$T" "string(//image[$1]/@w)"); h=$(xp "$T" "string(//image[$1]/@h)")
  awk -v x="$x" -v y="$y" -v w="$w" -v h="$h" 'BEGIN { printf "%.4f %.4f %.4f %.4f", (x+3)/300, (y+3)/300, (x+w-3)/300, (y+h-3)/300 }'
}
red=$($PIX count "$TMP/page.png" 255,0,0 40 $(region 1))
[ "${red:-0}" -gt 1000 ] || fail "the inline SVG's red is not drawn in its area ($red pixels)"
green=$($PIX count "$TMP/page.png" 0,255,0 40 $(region 2))
blue=$($PIX count "$TMP/page.png" 0,0,255 40 $(region 2))
[ "${green:-0}" -gt 1000 ] && [ "${blue:-0}" -gt 500 ] || fail "the file SVG is not drawn in its area (green $green, blue $blue)"
red2=$($PIX count "$TMP/page.png" 255,0,0 40 $(region 2))
[ "${red2:-0}" = 0 ] || fail "red ($red2 pixels) where the file SVG is"
# the framed one: 22 x 32 pt (border), yellow above the magenta (display-align after)
near "$(xp "$T" 'string(//image[4]/@h)')" 32 0.01 || fail "framed SVG height $(xp "$T" 'string(//image[4]/@h)'), expected 32"
yellow=$($PIX count "$TMP/page.png" 255,255,0 40 $(region 4))
[ "${yellow:-0}" -gt 50 ] || fail "the framed SVG's background is not drawn ($yellow pixels)"

# a refused SVG: located error, no PDF
sed 's|width="40mm" height="20mm" viewBox="0 0 40 20"||' "$TMP/doc.fo" >"$TMP/nosize.fo"
if "$MSPDOC" render "$TMP/nosize.fo" -o "$TMP/nosize.pdf" >"$TMP/nosize.log" 2>&1; then
  fail "an SVG with no size rendered"
elif ! grep -Eq '^.*nosize\.fo:13:9: error: SVG graphic in fo:instream-foreign-object: the SVG has no size' "$TMP/nosize.log"; then
  fail "no located error for an SVG with no size: $(head -3 "$TMP/nosize.log")"
fi
[ -e "$TMP/nosize.pdf" ] && fail "a PDF was left behind by a refused SVG"

if [ "$fails" -gt 0 ]; then
  echo "svg: $fails failure(s)"
  exit 1
fi
echo "svg: ok"
