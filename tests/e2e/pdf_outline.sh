#!/usr/bin/env bash
# The PDF outline (docs/format-choices.md, "Tagged PDF"): the sample report and two test papers
# are built; their outline has one entry per chapter, section and annex of the source, nested as
# in the source, chapters and annexes open, sections closed; each entry goes to the page where
# its heading is printed (the heading's words are on that page, their top just under the
# destination's top); the builds print no warning. Needs pikepdf (Debian python3-pikepdf) and
# pdftotext (poppler-utils). Env: MSPDOC (CLI binary), MSP_ROOT, MSP_TMP.
set -u
ROOT=${MSP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=${MSP_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
[ -x "${MSPDOC:-}" ] || { echo "pdf_outline: MSPDOC is not an executable"; exit 1; }
command -v pdftotext >/dev/null || { echo "pdf_outline: pdftotext is required (poppler-utils)"; exit 1; }
# the Debian python has pikepdf; a python3 earlier on PATH may not
PY=""
for p in ${MSP_PYTHON:-} /usr/bin/python3 python3; do
  if "$p" -c 'import pikepdf' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "pdf_outline: a python3 with pikepdf is required (apt-get install python3-pikepdf)"; exit 1; }
export MSP_ROOT="$ROOT"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# headings of the source: count of chapters, sections and annexes
headings() {
  xmllint --xpath "count(//*[local-name()='chapter' or local-name()='section' or local-name()='annex'])" "$1"
}

for src in "$ROOT/data/papers/000-coop-assistance-report.xml" \
           "$ROOT/tests/data/papers/ok-fr-addendum.xml" "$ROOT/tests/data/papers/ok-en-tagged.xml"; do
  name=$(basename "$src" .xml)
  pdf="$TMP/$name.pdf"
  if ! "$MSPDOC" build "$src" -o "$pdf" >"$TMP/$name.out" 2>"$TMP/$name.err"; then
    fail "$name: build failed: $(head -3 "$TMP/$name.err")"
    continue
  fi
  # no warning or error (the sanitizer build's leak-suppression summary aside)
  grep -qE '(warning|error):' "$TMP/$name.err" && fail "$name: the build printed on stderr: $(head -3 "$TMP/$name.err")"
  want=$(headings "$src")
  [ "$want" -gt 0 ] || fail "$name: no chapter, section or annex in the source"
  "$PY" - "$src" "$pdf" "$want" <<'PY' || fails=$((fails + 1))
import re, subprocess, sys, xml.etree.ElementTree as ET
import pikepdf

src, pdf_path, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
name = src.rsplit('/', 1)[-1]
NS = '{urn:x-mspdoc:paper:1}'
bad = []

# source headings in document order: (kind, depth among chapter/section/annex)
expected = []
def walk(el, depth):
    for c in el:
        kind = c.tag[len(NS):] if c.tag.startswith(NS) else ''
        if kind in ('chapter', 'section', 'annex'):
            expected.append((kind, depth, len([k for k in c if k.tag[len(NS):] in ('chapter', 'section')]) > 0))
            walk(c, depth + 1)
walk(ET.parse(src).getroot().find(NS + 'body'), 0)
if len(expected) != want:
    bad.append(f'{len(expected)} headings walked, xmllint counted {want}')

pdf = pikepdf.open(pdf_path)
page_no = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
dests = {}
if '/Names' in pdf.Root and '/Dests' in pdf.Root.Names:
    dests = {k: v for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()}

entries = []   # (title, depth, closed, has children, page, top)
with pdf.open_outline() as outline:
    def visit(items, depth):
        for it in items:
            d = it.destination
            if isinstance(d, (str, pikepdf.String)):
                d = dests.get(str(d))
            if d is None or len(d) < 4:
                bad.append(f'{it.title!r}: no destination')
                entries.append((it.title, depth, it.is_closed, bool(it.children), None, None))
            else:
                entries.append((it.title, depth, it.is_closed, bool(it.children),
                                page_no.get(d[0].objgen), float(d[3])))
            visit(it.children, depth + 1)
    visit(outline.root, 0)

if len(entries) != want:
    bad.append(f'{len(entries)} outline entries for {want} chapters, sections and annexes')
for (kind, depth, kids), (title, odepth, closed, okids, page, top) in zip(expected, entries):
    if depth != odepth:
        bad.append(f'{title!r} at outline depth {odepth}, its {kind} at depth {depth}')
    if okids != kids:
        bad.append(f'{title!r}: children in the outline {okids}, in the source {kids}')
    if okids and closed != (kind == 'section'):
        bad.append(f'{title!r} ({kind}) is {"closed" if closed else "open"}')

def words(page):
    """words of a page with their top y (from the page's top), as pdftotext -bbox sees them"""
    out = subprocess.run(['pdftotext', '-bbox', '-f', str(page), '-l', str(page), pdf_path, '-'],
                         capture_output=True, text=True, check=True).stdout
    ws = [(float(m.group(1)), float(m.group(2)), m.group(3)) for m in
          re.finditer(r'<word xMin="([^"]*)" yMin="([^"]*)"[^>]*>([^<]*)</word>', out)]
    # reading order: lines top to bottom, words left to right (a heading's number is drawn
    # after its text in the content stream)
    ws.sort(key=lambda w: (round(w[1]), w[0]))
    return [(w, y) for _, y, w in ws]

def unescape(s):
    return s.replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&apos;', "'")

for title, _, _, _, page, top in entries:
    if page is None:
        continue
    height = float(pdf.pages[page - 1].mediabox[3])
    # the annex's two printed lines are joined by " – " in its bookmark title
    want_words = title.replace(' \u2013 ', ' ').split()
    ws = [(unescape(w), y) for w, y in words(page)]
    found = [i for i in range(len(ws) - len(want_words) + 1)
             if [w for w, _ in ws[i:i + len(want_words)]] == want_words]
    if not found:
        bad.append(f'{title!r}: not printed on page {page}, where its outline entry goes')
        continue
    # the heading's first word starts at most 30 pt under the destination's top (space-before)
    gap = ws[found[0]][1] - (height - top)
    if not (-1 <= gap <= 30):
        bad.append(f'{title!r}: printed {gap:.1f} pt under the top of its destination on page {page}')

for b in bad:
    print(f'FAIL: {name}: {b}')
if not bad:
    print(f'{name}: {len(entries)} outline entries, each on the page of its heading')
sys.exit(1 if bad else 0)
PY
done

[ "$fails" -eq 0 ] && echo "pdf_outline: ok" || echo "pdf_outline: $fails failure(s)"
[ "$fails" -eq 0 ]
