#!/usr/bin/env bash
# The batch report leads with failures: 30 papers built, then one source
# broken and the batch run again. The failed paper's PDF stays on disk
# untouched; index.json lists it under "failures" with its message and its
# last good build (that PDF, dated by the run that built it), and the run's
# date (SOURCE_DATE_EPOCH), version and commit; index.html, in headless
# Chromium at 1200x900, shows the failure block (its own background colour,
# counted in the screenshot's pixels) whole in the first screen, and its DOM
# has the message and the "last good build" link before the first
# successful paper. A source that no longer parses keeps the same last good
# build; once fixed, the paper builds and the Failed section is gone.
source "$MSP_ROOT/tests/data/batch/lib.sh"
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || fail "chromium is not installed (apt-get install chromium; it is in .ci/deps)"
command -v python3 >/dev/null || fail "python3 is required"
command -v jq >/dev/null || fail "jq is required"
src="$MSP_TMP/src" out="$MSP_TMP/out"
mkdir -p "$src"
for n in $(seq 1 30); do make_paper "$n" "$src/r$(printf %02d "$n").xml"; done
cp "$src/r18.xml" "$MSP_TMP/r18.good"
pdf=APLC_MSP.22_2025_18-E.pdf
j="$out/index.json"
# 2100-01-01: later than any real build, so the run is dated by it while the
# PDFs keep the real dates they were built at (never later than it)
export SOURCE_DATE_EPOCH=4102444800

"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>"$MSP_TMP/run1.err" || { cat "$MSP_TMP/run1.err"; fail "run 1 failed"; }
[ "$(json_total "$out" built)" -eq 30 ] || fail "run 1: not 30 built"
jq -e '.failures == [] and .totals.warnings == 0' "$j" >/dev/null || fail "run 1: failures or warnings listed"
built_at=$(jq -r --arg s "$src/r18.xml" '.papers[] | select(.source == $s) | .pdf_date' "$j")
[[ "$built_at" =~ ^20[0-9][0-9]-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] || fail "run 1: pdf_date '$built_at'"
cp -p "$out/$pdf" "$MSP_TMP/18.pdf"
sleep 2   # a failing run dated "now" would show

# run 2: r18 breaks the schema
sed -i 's|<heading>Activities of the Committee</heading>|&<bogus/>|' "$src/r18.xml"
before=$(date -u +%Y-%m-%dT%H:%M:%SZ)
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>"$MSP_TMP/run2.err" && fail "run 2 succeeded with a broken source"
grep -q "r18.xml:[0-9]*:[0-9]*: error: unknown element <bogus>" "$MSP_TMP/run2.err" || { cat "$MSP_TMP/run2.err"; fail "run 2: no error"; }
cmp -s "$out/$pdf" "$MSP_TMP/18.pdf" || fail "the last good PDF changed"
[ "$(stat -c %Y "$out/$pdf")" = "$(stat -c %Y "$MSP_TMP/18.pdf")" ] || fail "the last good PDF was touched"
jq -e '.totals.failed == 1 and .totals.up_to_date == 29 and (.failures | length) == 1' "$j" >/dev/null \
    || { jq .totals "$j"; fail "run 2: totals"; }
jq -e --arg s "$src/r18.xml" --arg pdf "$pdf" --arg d "$built_at" '.failures[0] |
    .source == $s and .output == $pdf and .symbol == "APLC/MSP.22/2025/18" and .last_good == {path: $pdf, date: $d}
    and (.messages | length) == 1 and .messages[0].severity == "error" and .messages[0].code == "schema"
    and .messages[0].file == $s and .messages[0].line > 0 and .messages[0].column > 0
    and (.messages[0].message | test("unknown element <bogus>")) and (.messages[0].hint | length) > 0' "$j" >/dev/null \
    || { jq .failures "$j"; fail "run 2: the failure's record"; }
[[ "$built_at" < "$before" ]] || fail "run 2: the last good build is dated $built_at, not before this run ($before)"
jq -e --arg s "$src/r18.xml" --arg pdf "$pdf" --arg d "$built_at" '.papers[] | select(.source == $s) |
    .status == "failed" and .pdf == null and .pdf_date == null and .last_good == {path: $pdf, date: $d}' "$j" >/dev/null \
    || fail "run 2: the failed paper's record in papers[]"
jq -e '[.papers[] | select(.status != "failed") | .last_good] | all(. == null)' "$j" >/dev/null \
    || fail "run 2: a successful paper has a last_good"
# the run: SOURCE_DATE_EPOCH, the program's version, the commit it was built from
jq -e '.run.date == "2100-01-01T00:00:00Z"' "$j" >/dev/null || fail "run 2: run.date is not SOURCE_DATE_EPOCH"
[ "mspdoc $(jq -r .run.version "$j")" = "$("$MSPDOC" --version | head -n 1)" ] || fail "run 2: run.version"
commit=$(jq -r .run.commit "$j")
top=$(git -C "$MSP_ROOT" rev-parse --show-toplevel 2>/dev/null || true)
if [ -n "$top" ] && [ "$(realpath "$top")" = "$(realpath "$MSP_ROOT")" ]; then   # built from a git checkout
    [[ "$commit" =~ ^[0-9a-f]{40}(-dirty)?$ ]] || fail "run 2: commit '$commit' in a git checkout"
    git -C "$MSP_ROOT" cat-file -e "${commit%-dirty}^{commit}" || fail "run 2: commit $commit is not in $MSP_ROOT"
else
    [ "$commit" = unknown ] || fail "run 2: commit '$commit' outside a git checkout"
fi

# index.html in a 1200x900 window
chrome() { timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --user-data-dir="$MSP_TMP/profile" --window-size=1200,900 "$@" "file://$out/index.html" 2>>"$MSP_TMP/chromium.err"; }
chrome --screenshot="$MSP_TMP/shot.png" >/dev/null || { cat "$MSP_TMP/chromium.err"; fail "chromium (screenshot) failed"; }
chrome --dump-dom > "$MSP_TMP/dom.html" || { cat "$MSP_TMP/chromium.err"; fail "chromium (DOM) failed"; }
# the failure block's background (#ffe4e1): how many pixels, in which rows
python3 - "$MSP_TMP/shot.png" > "$MSP_TMP/pixels.txt" <<'EOF' || fail "cannot read the screenshot"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = ihdr
assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG format %r" % (ihdr,)
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, rows, count, i = bytearray(stride), [], 0, 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    n = sum(1 for x in range(0, stride, bpp)
            if abs(line[x] - 0xff) <= 2 and abs(line[x + 1] - 0xe4) <= 2 and abs(line[x + 2] - 0xe1) <= 2)
    if n:
        rows.append(y)
        count += n
    prev = line
print(w, h, count, rows[0] if rows else -1, rows[-1] if rows else -1)
EOF
read -r width height count first last < "$MSP_TMP/pixels.txt"
[ "$width" -eq 1200 ] && [ "$height" -eq 900 ] || fail "screenshot is ${width}x$height, not 1200x900"
[ "$count" -ge 50000 ] || fail "the failure block is not in the first screen ($count pixels of its colour)"
[ "$first" -ge 0 ] && [ "$first" -lt 450 ] || fail "the failure block starts at row $first, not in the top half"
[ "$last" -lt 890 ] || fail "the failure block runs past the first screen (to row $last)"
dom="$MSP_TMP/dom.html"
python3 - "$dom" "$pdf" "$built_at" <<'EOF' || fail "index.html: the failure does not come first"
import re, sys
dom, pdf, date = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
def at(s):
    i = dom.find(s)
    if i < 0:
        sys.exit("missing: " + s)
    return i
block = at('<article class="failure" id="paper-')
end = dom.index("</article>", block)
msg = at("unknown element &lt;bogus&gt; in &lt;chapter&gt;")
good = at('<a href="%s">last good build, <time datetime="%s">' % (pdf, date))
first_ok = min(i for i in (dom.find('<li class="paper built"'), dom.find('<li class="paper up-to-date"')) if i >= 0)
assert block < msg < good < end, "the message and the last good build are not in the failure block"
assert good < first_ok, "the failure comes after a successful paper"
assert '<a class="failed" href="#failed">1 failed</a>' in dom, "the summary's failure count is not a link"
assert '<a class="up-to-date" href="#up-to-date">29 up to date</a>' in dom, "the summary's up-to-date count"
assert dom.find('<p class="summary">') < block and '<section id="failed">' in dom and '<section id="up-to-date">' in dom
loc = re.search(r'<code><a href="([^"]+)" title="line (\d+), column (\d+)">[^<]*r18\.xml:\2:\3</a></code> error', dom)
assert loc and loc.group(1) == "../src/r18.xml", "the message's location is not a link to the source"
assert 'source <a href="../src/r18.xml"><code>' in dom, "the failing source is not linked"
assert re.search(r'<p class="run">Run <time datetime="2100-01-01T00:00:00Z">2100-01-01 00:00 UTC</time> · mspdoc [0-9.]+ · commit <code', dom), "no run line"
EOF
[ -f "$out/../src/r18.xml" ] || fail "the source link does not lead to the source"

# run 3: r18 no longer parses (no symbol, no output name): the same last good build
printf '<paper xmlns="urn:x-mspdoc:paper:1">\n  <meta>\n</paper>\n' > "$src/r18.xml"
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>/dev/null && fail "run 3 succeeded with a broken source"
cmp -s "$out/$pdf" "$MSP_TMP/18.pdf" || fail "run 3: the last good PDF changed"
jq -e --arg pdf "$pdf" --arg d "$built_at" '(.failures | length) == 1 and .failures[0].last_good == {path: $pdf, date: $d}
    and .failures[0].messages[0].code == "xml"' "$j" >/dev/null || { jq .failures "$j"; fail "run 3: the last good build"; }

# run 4: fixed: built again, nothing failed
cp "$MSP_TMP/r18.good" "$src/r18.xml"
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>"$MSP_TMP/run4.err" || { cat "$MSP_TMP/run4.err"; fail "run 4 failed"; }
jq -e '.failures == [] and .totals.built == 1 and .totals.up_to_date == 29' "$j" >/dev/null || fail "run 4: totals"
rebuilt=$(jq -r --arg s "$src/r18.xml" '.papers[] | select(.source == $s) | .pdf_date' "$j")
[[ "$rebuilt" > "$built_at" ]] || fail "run 4: the rebuilt PDF is dated $rebuilt, not after $built_at"
grep -q '<section id="failed">' "$out/index.html" && fail "run 4: a Failed section with nothing failed"
grep -q '<span class="failed none">0 failed</span>' "$out/index.html" || fail "run 4: the summary does not say 0 failed"
echo "ok: the report leads with the failure and its last good build"
