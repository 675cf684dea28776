#!/usr/bin/env bash
# Tagged PDF (PDF/UA-1, PDF/A-2) end to end: papers built with `mspdoc build` and `batch`, and a
# hand-made FO rendered with `mspdoc render`, are checked with the independent checker
# (tests/tools/pdfcheck.py) and qpdf; the reading order of each (the checker's --words-out)
# must be the text of its FO (tests/tools/fowords.py); languages, the structure types of the
# hand-made FO, --pdf-standard none, a bad --pdf-standard and a graphic without alt text.
# Every check runs; the failures are listed at the end. Env: MSPDOC, MSP_TMP, MSP_ROOT.
set -uo pipefail
root=${MSP_ROOT:?}; bin=${MSPDOC:?}; tmp=${MSP_TMP:?}
py=/usr/bin/python3; tools="$root/tests/tools"
rm -rf "$tmp"; mkdir -p "$tmp"
base="$root/data/papers/000-coop-assistance-report.xml"
handmade="$root/tests/data/fo/tagged-handmade.fo"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# --- making the inputs

# variant NAME SYMBOL: a copy of the sample report under another symbol, without its reissue
variant() {
    sed -e "s|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>$2</symbol>|" -e '/<reissue /d' \
        "$base" > "$tmp/$1.xml"
}
# grown NAME COPIES: the sample report with its body chapters repeated (bench/grow.xsl)
grown() { xsltproc --stringparam copies "$2" "$root/bench/grow.xsl" "$base" > "$tmp/$1.xml"; }

# build NAME SOURCE: NAME.pdf with the default standard (ua-1,a-2a), NAME.fo of the same source
build() {
    "$bin" build "$2" -o "$tmp/$1.pdf" > /dev/null 2> "$tmp/$1.err" \
        || { cat "$tmp/$1.err" >&2; fail "$1: mspdoc build failed"; return 1; }
    "$bin" fo "$2" > "$tmp/$1.fo" 2> "$tmp/$1.fo.err" \
        || { cat "$tmp/$1.fo.err" >&2; fail "$1: mspdoc fo failed"; return 1; }
}

# --- checks

# check_pdf NAME LEVEL: pdfcheck at LEVEL (it runs qpdf --check too) and qpdf --check itself;
# leaves the reading-order words in NAME.words
check_pdf() {
    "$py" "$tools/pdfcheck.py" --level "$2" --words-out "$tmp/$1.words" --text-out "$tmp/$1.txt" \
        "$tmp/$1.pdf" > "$tmp/$1.check" 2>&1 \
        || { cat "$tmp/$1.check" >&2; fail "$1: pdfcheck --level $2"; }
    qpdf_clean "$1"
}

# qpdf_clean NAME: qpdf --check exits 0 with no warning
qpdf_clean() {
    local out
    out=$(qpdf --check "$tmp/$1.pdf" 2>&1) && ! grep -qi warning <<< "$out" \
        || { echo "$out" >&2; fail "$1: qpdf --check is not clean"; }
}

# check_order NAME: the PDF's reading-order words are the text of the FO
check_order() {
    "$py" "$tools/fowords.py" --compare "$tmp/$1.fo" "$tmp/$1.words" > "$tmp/$1.order" 2>&1 \
        || { cat "$tmp/$1.order" >&2; fail "$1: reading order differs from the FO"; }
}

# check_source_order NAME SOURCE: the words of the source's paragraphs, headings and titles
# (notes aside, which the tree puts after their paragraph) come in the PDF's reading order
# in the same order: an ordered subsequence (the FO adds the masthead, numbers and labels)
check_source_order() {
    "$py" - "$2" "$tmp/$1.words" > "$tmp/$1.srcorder" 2>&1 <<'PY' \
        || { cat "$tmp/$1.srcorder" >&2; fail "$1: the source's words are not in reading order"; }
import re, sys
import xml.etree.ElementTree as E
NS = '{urn:x-mspdoc:paper:1}'
def norm(w):
    # the typography pass sets typographic apostrophes (src/xslt/typo.h)
    return re.sub(r'[\s\-\u2010\u00ad]', '', w).replace('\u2019', "'")
words = []
def walk(el, inside):
    tag = el.tag.replace(NS, '')
    if tag == 'note':
        return
    take = inside or tag in ('p', 'heading', 'title')
    if take and el.text:
        words.extend(el.text.split())
    for c in el:
        walk(c, take)
        if take and c.tail:
            words.extend(c.tail.split())
root = E.parse(sys.argv[1]).getroot()
body = root.find(NS + 'body')
walk(body if body is not None else root, False)
text = ''.join(norm(w) for w in open(sys.argv[2], encoding='utf-8').read().split())
at = 0
for w in words:
    w = norm(w)
    if not w:
        continue
    k = text.find(w, at)
    if k < 0:
        print('source word %r not found after position %d: ...%s...' % (w, at, text[max(0, at - 40):at + 40]))
        sys.exit(1)
    at = k + len(w)
print('%d source words in reading order' % len(words))
PY
}

# paper NAME SOURCE: build it, check it to PDF/A-2 and its reading order
paper() {
    build "$1" "$2" || return
    check_pdf "$1" a2
    check_order "$1"
}

# struct_dump NAME: NAME.struct, one line per structure element in /K order:
# depth, type, /Lang, effective language, parent's effective language, /Alt, OBJR kids, text
struct_dump() {
    "$py" - "$tmp/$1.pdf" "$tmp/$1.struct" "$tools" <<'PY' || fail "$1: cannot read the structure tree"
import sys
sys.path.insert(0, sys.argv[3])
import pikepdf
import pdfcheck

pdf_path, out_path = sys.argv[1], sys.argv[2]
chars = pdfcheck.mcid_text(pdf_path)        # (page, MCID) -> chars, artifacts left out
pdf = pikepdf.open(pdf_path)
page_no = {p.objgen: i for i, p in enumerate(pdf.pages)}
rows = []

def mcid_text(page, mcid):
    return "".join(c[0] for c in chars.get((page_no[page.objgen], mcid), []))

def walk(e, depth, page, parent_lang):
    page = e.get("/Pg", page)
    lang = e.get("/Lang")
    eff = str(lang) if lang is not None else parent_lang
    alt = e.get("/Alt")
    row = [depth, str(e.S)[1:], "-" if lang is None else str(lang), eff, parent_lang,
           "-" if alt is None else str(alt), 0, ""]
    rows.append(row)
    k = e.get("/K")
    text = []
    for kid in (list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]):
        if isinstance(kid, int):
            text.append(mcid_text(page, kid))
        elif kid.get("/Type") == "/MCR":
            text.append(mcid_text(kid.get("/Pg", page), int(kid.MCID)))
        elif kid.get("/Type") == "/OBJR":
            row[6] += 1
        else:
            text.append(walk(kid, depth + 1, page, eff))
    row[7] = " ".join(" ".join(text).split())
    return row[7]

k = pdf.Root.StructTreeRoot.K
for e in (list(k) if isinstance(k, pikepdf.Array) else [k]):
    walk(e, 0, None, str(pdf.Root.get("/Lang", "-")))
with open(out_path, "w", encoding="utf-8") as f:
    for r in rows:
        f.write("\t".join(str(x) for x in r) + "\n")
PY
}

# has_elem NAME AWK-CONDITION WHAT: some element of NAME.struct meets the condition
# ($2 type, $3 /Lang, $4 effective language, $5 parent's, $6 /Alt, $7 OBJRs, $8 text;
# `norm` is the text without spaces)
has_elem() {
    awk -F'\t' 'BEGIN { found = 0 }
        { norm = $8; gsub(/ /, "", norm) } '"$2"' { found = 1 } END { exit !found }' \
        "$tmp/$1.struct" || fail "$1: no structure element where $3"
}

# check_languages NAME: the French passage and paragraph of ok-en-tagged.xml carry /Lang (fr)
check_languages() {
    struct_dump "$1" || return
    has_elem "$1" '$2 == "Span" && $3 == "fr" && $5 == "en" && norm == "ensemblepourunmondesansmines"' \
        "a Span /Lang (fr) in English holds the French passage"
    has_elem "$1" '$2 == "Span" && $3 == "fr" && $5 == "en" && norm == "Genève"' \
        "a Span /Lang (fr) in an English heading holds 'Genève'"
    has_elem "$1" '$2 == "P" && $3 == "fr" && index(norm, "LeComitéatenusapremièreréunion")' \
        "the French paragraph's P has /Lang (fr)"
}

# check_none: --pdf-standard none gives an untagged, qpdf-valid PDF
check_none() {
    "$bin" build "$base" -o "$tmp/none.pdf" --pdf-standard none > /dev/null 2> "$tmp/none.err" \
        || { cat "$tmp/none.err" >&2; fail "--pdf-standard none: build failed"; return; }
    qpdf_clean none
    "$py" - "$tmp/none.pdf" <<'PY' || fail "--pdf-standard none: the PDF is tagged"
import sys, pikepdf
root = pikepdf.open(sys.argv[1]).Root
bad = [k for k in ("/StructTreeRoot", "/MarkInfo") if k in root]
if bad:
    print("catalog has", " ".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

# check_bad_standard CMD ARGS...: --pdf-standard ua-2 is a usage error naming the values
check_bad_standard() {
    local cmd=$1; shift
    "$bin" "$cmd" "$@" --pdf-standard ua-2 > "$tmp/std.out" 2> "$tmp/std.err"
    local rc=$?
    [ "$rc" = 2 ] || fail "$cmd --pdf-standard ua-2: exit $rc, expected 2"
    grep -q -- "none" "$tmp/std.err" && grep -q -- "ua-1" "$tmp/std.err" && grep -q -- "a-2a" "$tmp/std.err" \
        || { cat "$tmp/std.err" >&2; fail "$cmd --pdf-standard ua-2: the message does not name the values"; }
}

# check_handmade: the hand-made FO rendered (ua-1), its structure types
check_handmade() {
    "$bin" render "$handmade" -o "$tmp/handmade.pdf" > /dev/null 2> "$tmp/handmade.err" \
        || { cat "$tmp/handmade.err" >&2; fail "handmade: mspdoc render failed"; return; }
    cp "$handmade" "$tmp/handmade.fo"
    check_pdf handmade ua
    check_order handmade
    struct_dump handmade || return
    local t
    for t in Table THead TBody TR TH TD L LI Lbl LBody Note Reference; do
        has_elem handmade '$2 == "'"$t"'"' "the type is $t"
    done
    has_elem handmade '$2 == "TH" && $8 == "Country"' "a TH holds 'Country'"
    has_elem handmade '$2 == "TD" && $8 == "Cameroon"' "a TD holds 'Cameroon'"
    has_elem handmade '$2 == "Lbl" && $8 == "(a)"' "a Lbl holds '(a)'"
    has_elem handmade '$2 == "Link" && $7 >= 1 && $8 == "the heading"' "the internal Link has an OBJR"
    has_elem handmade '$2 == "Link" && $7 >= 1 && norm == "theConvention'"'"'ssite"' \
        "the external Link has an OBJR"
    has_elem handmade '$2 == "Figure" && $6 == "A blue and white chequered square"' \
        "a Figure has the image's fox:alt-text as /Alt"
    has_elem handmade '$2 == "Figure" && $6 == "QR code: http://undocs.org/APLC/MSP.22/2025/22"' \
        "a Figure has the QR code's data as /Alt"
    has_elem handmade '$2 == "Note" && $8 == "The footnote text of the first paragraph."' \
        "a Note holds the footnote text"
    has_elem handmade '$2 == "Reference" && $8 == "1"' "a Reference holds the footnote mark"
    has_elem handmade '$2 == "Span" && $3 == "fr" && $5 == "en" && norm == "ensemblepourunmondesansmines"' \
        "a Span /Lang (fr) holds the French inline"
}

# check_no_alt: the hand-made FO without the image's fox:alt-text fails under ua-1 at the
# graphic's place, leaves no PDF, and renders with --pdf-standard none
check_no_alt() {
    local dir="$tmp/noalt" line
    mkdir -p "$dir"
    cp "$root/tests/data/fo/tagged-handmade.png" "$dir/"
    sed 's| fox:alt-text="[^"]*"||' "$handmade" > "$dir/noalt.fo"
    line=$(grep -n '<fo:external-graphic' "$dir/noalt.fo" | cut -d: -f1)
    "$bin" render "$dir/noalt.fo" -o "$dir/noalt.pdf" > /dev/null 2> "$dir/noalt.err"
    local rc=$?
    [ "$rc" = 1 ] || fail "no alt text: mspdoc render exit $rc, expected 1"
    grep -Eq "noalt\.fo:$line:[0-9]+: error: .*fo:external-graphic.*alternative text" "$dir/noalt.err" \
        || { cat "$dir/noalt.err" >&2; fail "no alt text: no 'noalt.fo:$line:COL: error:' naming fo:external-graphic and alternative text"; }
    [ ! -e "$dir/noalt.pdf" ] || fail "no alt text: a PDF was left"
    "$bin" render "$dir/noalt.fo" -o "$dir/noalt-none.pdf" --pdf-standard none > /dev/null 2> "$dir/none.err" \
        || { cat "$dir/none.err" >&2; fail "no alt text: --pdf-standard none does not render"; }
}

# check_batch: `mspdoc batch` of the two sample papers, each PDF/A-2 with the reading order
# of its FO
check_batch() {
    local src="$tmp/batch-src" out="$tmp/batch-out" f pdf n
    mkdir -p "$src"
    cp "$root"/data/papers/*.xml "$src/"
    "$bin" batch "$src" -O "$out" -j 1 -q > "$tmp/batch.log" 2>&1 \
        || { cat "$tmp/batch.log" >&2; fail "batch failed"; return; }
    n=0
    # index.json names each paper's source and PDF
    while IFS=$'\t' read -r f pdf; do
        n=$((n + 1))
        [ -f "$out/$pdf" ] || { fail "batch: no $pdf for $(basename "$f")"; continue; }
        cp "$out/$pdf" "$tmp/batch$n.pdf"
        "$bin" fo "$f" > "$tmp/batch$n.fo" || { fail "batch: mspdoc fo $(basename "$f")"; continue; }
        check_pdf "batch$n" a2
        check_order "batch$n"
    done < <("$py" -c 'import json, sys
for p in json.load(open(sys.argv[1]))["papers"]:
    print(p["source"] + "\t" + p["pdf"])' "$out/index.json")
    [ "$n" -ge 2 ] || fail "batch: expected the two sample papers, found $n"
}

# check_page_labels: pages numbered i, ii, iii then 1, 2 get /PageLabels saying so
check_page_labels() {
    "$MSPDOC" render "$root/tests/data/fo/page-labels.fo" -o "$tmp/labels.pdf" 2> "$tmp/labels.err" \
        || { cat "$tmp/labels.err" >&2; fail "page-labels.fo did not render"; return; }
    check_pdf labels ua
    local got
    got=$("$py" -c 'import pikepdf,sys; p=pikepdf.open(sys.argv[1]); print(" ".join(str(x).strip("/") for x in p.Root.PageLabels.Nums if not isinstance(x, pikepdf.Dictionary)) + " " + " ".join("%s:%s" % (d.get("/S"), d.get("/St")) for d in p.Root.PageLabels.Nums if isinstance(d, pikepdf.Dictionary)))' "$tmp/labels.pdf" 2>&1)
    [ "$got" = "0 3 /r:1 /D:1" ] || fail "page labels read '$got', expected '0 3 /r:1 /D:1'"
}

# check_long_table: a table over several pages repeats its header; the repeats are artifacts,
# so the header is read once, where the table starts
check_long_table() {
    "$py" - "$tmp/longtable.fo" <<'PY'
import sys
rows = ''.join('<fo:table-row><fo:table-cell><fo:block>Row %d</fo:block></fo:table-cell>'
               '<fo:table-cell><fo:block>Value %d</fo:block></fo:table-cell></fo:table-row>' % (i, i)
               for i in range(1, 121))
open(sys.argv[1], 'w').write(
    '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" language="en" font-family="Liberation Serif">'
    '<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="148mm" page-height="210mm"'
    ' margin="15mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>'
    '<fo:page-sequence master-reference="p"><fo:title>Long table</fo:title>'
    '<fo:flow flow-name="xsl-region-body"><fo:block>Before the table.</fo:block><fo:table>'
    '<fo:table-header><fo:table-row><fo:table-cell><fo:block>Country</fo:block></fo:table-cell>'
    '<fo:table-cell><fo:block>Figure</fo:block></fo:table-cell></fo:table-row></fo:table-header>'
    '<fo:table-body>' + rows + '</fo:table-body></fo:table><fo:block>After the table.</fo:block>'
    '</fo:flow></fo:page-sequence></fo:root>')
PY
    "$bin" render "$tmp/longtable.fo" -o "$tmp/longtable.pdf" 2> "$tmp/longtable.err" \
        || { cat "$tmp/longtable.err" >&2; fail "longtable.fo did not render"; return; }
    [ "$(pages longtable)" -ge 3 ] || fail "longtable: expected a table over 3 pages or more"
    [ "$(pdftotext "$tmp/longtable.pdf" - | grep -c 'Country')" -ge 3 ] \
        || fail "longtable: the header is not repeated on every page"
    check_pdf longtable ua
    check_order longtable
}

# pages NAME: the page count
pages() { qpdf --show-npages "$tmp/$1.pdf"; }

# --- the papers

for f in "$root"/data/papers/*.xml; do
    name=sample-$(basename "$f" .xml)
    paper "$name" "$f"
    check_source_order "$name" "$f"
done
for f in ok-en-tagged ok-fr-addendum ok-es-corrigendum-draft; do
    paper "$f" "$root/tests/data/papers/$f.xml"
done
check_languages ok-en-tagged
variant revision APLC/MSP.22/2025/22/Rev.1;   paper revision "$tmp/revision.xml"
variant addendum APLC/MSP.22/2025/22/Add.1;   paper addendum "$tmp/addendum.xml"
variant corrigendum APLC/MSP.22/2025/22/Corr.1; paper corrigendum "$tmp/corrigendum.xml"
grown grown 36; paper grown "$tmp/grown.xml"
[ -f "$tmp/grown.pdf" ] && { p=$(pages grown); [ "$p" -ge 100 ] || fail "grown: $p pages, expected at least 100"; }
check_batch
check_page_labels
check_long_table
check_handmade
check_no_alt
check_none
check_bad_standard build "$base" -o "$tmp/bad-std.pdf"
check_bad_standard render "$handmade" -o "$tmp/bad-std.pdf"
check_bad_standard batch "$root/data/papers" -O "$tmp/bad-std"
[ ! -e "$tmp/bad-std.pdf" ] || fail "--pdf-standard ua-2 left a PDF"

if [ "$failures" -ne 0 ]; then
    echo "tagged_pdf: $failures failure(s)" >&2
    exit 1
fi
echo "tagged_pdf: all checks passed"
