#!/usr/bin/env bash
# batch report in a browser: index.html opened in headless Chromium lists
# every paper with a link to its PDF and a first-page thumbnail; the
# thumbnails are real PNGs. Chromium is required (Debian package chromium,
# installed by .ci/deps): the test fails when it is missing.
source "$MSP_ROOT/tests/data/batch/lib.sh"
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || fail "chromium is not installed (apt-get install chromium; it is in .ci/deps)"
src="$MSP_TMP/src" out="$MSP_TMP/out"
mkdir -p "$src"
cp "$PROJECT/data/papers/"*.xml "$src/"
make_paper 3 "$src/r3.xml"
# a title with markup characters must come out as text, not as HTML
sed -e 's|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP.22/2025/4</symbol>|' \
    -e 's|<title>Report on activities|<title>Report \&lt;b\&gt;on\&lt;/b\&gt; \&amp; activities|' "$SAMPLE" > "$src/r4.xml"
printf '<paper xmlns="urn:x-mspdoc:paper:1">\n  <meta>\n</paper>\n' > "$src/broken.xml"
set +e
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>/dev/null
rc=$?
set -e
[ $rc -eq 1 ] || fail "exit $rc, expected 1 (one broken source)"
for png in "$out"/thumbs/*.png; do
    cmp -s -n 8 "$png" <(printf '\211PNG\r\n\032\n') || fail "$png is not a PNG"
done
NS=$(ls "$PROJECT"/data/papers/*.xml | wc -l)   # the sample papers, every language version
[ "$(ls "$out"/thumbs/*.png | wc -l)" -eq $((NS + 2)) ] || fail "expected $((NS + 2)) thumbnails"

dom="$MSP_TMP/dom.html"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$MSP_TMP/profile" \
    --dump-dom "file://$out/index.html" > "$dom" 2>"$MSP_TMP/chromium.err" || { cat "$MSP_TMP/chromium.err"; fail "chromium failed"; }
for sym in APLC/MSP.22/2025/22 APLC/MSP.22/2025/3 APLC/MSP.22/2025/4; do
    file=$(echo "$sym" | tr / _)-E.pdf
    grep -q "<a href=\"$file\">$sym</a>" "$dom" || fail "$sym not listed with a link to $file"
    grep -q "<img src=\"thumbs/$(basename "$file" .pdf).png\" alt=\"First page of $sym\">" "$dom" || fail "no thumbnail for $sym"
done
grep -q '002-coop-assistance-statement.pdf' "$dom" || fail "the statement is not listed"
grep -q 'Report &lt;b&gt;on&lt;/b&gt; &amp; activities' "$dom" || fail "a title's markup characters were not escaped"
grep -q '<b>on</b>' "$dom" && fail "markup from a title reached the page"
# in the Failed section, the location linked to the source (relative to OUTDIR)
grep -Eq "<code><a href=\"../src/broken.xml\" title=\"line 3, column [0-9]+\">[^<]*broken.xml:3:[0-9]+</a></code> error" "$dom" \
    || fail "the broken source's error is not on the page"
# the failure comes before the first successful paper
[ "$(grep -n 'class="failure"' "$dom" | head -1 | cut -d: -f1)" -lt "$(grep -n '<li class="paper built">' "$dom" | head -1 | cut -d: -f1)" ] \
    || fail "the failure is not first"
echo "ok: report readable in chromium"
