#!/usr/bin/env bash
# Arabic version of the sample report (issue 16), built end to end and checked
# on the area tree and the PDF: no warning; the source's words in logical order;
# Amiri embedded; paragraph numbers, sub-item labels and note labels
# on the right; justified lines reaching both edges of the measure; the symbol
# and URLs left to right inside Arabic lines; running heads and page numbers
# mirrored; masthead labels and dates in the Arabic form; the cross-language
# check over the six versions, and its located error on a missing paragraph.
set -euo pipefail
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
root=${MSP_ROOT:?}; bin=${MSPDOC:?}; tmp=${MSP_TMP:?}
rm -rf "$tmp"; mkdir -p "$tmp"
papers="$root/data/papers"
src="$papers/000-coop-assistance-report-ar.xml"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" build "$src" -o "$tmp/ar.pdf" --area-tree "$tmp/ar.tree" 2> "$tmp/ar.err" \
    || { cat "$tmp/ar.err"; fail "ar did not build"; }
! grep -q 'warning\|error' "$tmp/ar.err" || { cat "$tmp/ar.err"; fail "ar: warnings"; }

# --- words: the area tree's lines hold the text in logical order; body and note words of the
# source follow one another in the tree's body and footnote lines (isolates, no-break spaces and
# note calls normalised)
python3 - "$src" "$tmp/ar.tree" <<'PY' || fail "ar: words of the source not in order in the area tree"
import re, sys, xml.etree.ElementTree as ET
P = "{urn:x-mspdoc:paper:1}"
src = ET.parse(sys.argv[1]).getroot()
tree = ET.parse(sys.argv[2]).getroot()
CTL = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200f\u200e\u2060"), None)
def words(s):
    return s.translate(CTL).replace("\u00a0", " ").split()
def text_without_notes(el):
    out = [el.text or ""]
    for c in el:
        if c.tag != P + "note":
            out.append(text_without_notes(c))
        out.append(c.tail or "")
    return "".join(out)
body, notes = [], []
for el in src.find(P + "body").iter():
    if el.tag in (P + "heading", P + "p", P + "item"):
        body += words(text_without_notes(el))
    if el.tag == P + "note":
        notes += words("".join(el.itertext()))
def zone_words(zone):
    out = []
    for line in tree.iter("line"):
        if line.get("zone") == zone and "".join(line.itertext()) != line.get("raised"):   # not a note label
            out += words("".join(line.itertext()))
    return out
def in_order(want, got, what):
    i = 0
    for w in want:
        while i < len(got) and not (got[i] == w or re.fullmatch(re.escape(w) + r"[0-9*]+", got[i])
                                    or re.fullmatch(r"(\([^)]+\)|[0-9]+-)" + re.escape(w), got[i])):
            i += 1
        if i == len(got):
            print("ar: %s word not found in order: %r" % (what, w))
            return False
        i += 1
    print("ar: %d %s words in order" % (len(want), what))
    return True
ok = in_order(body, zone_words("body"), "body") & in_order(notes, zone_words("footnotes"), "note")
sys.exit(0 if ok and len(body) > 900 else 1)
PY

# --- the Arabic face embedded (subset), Latin runs still in Liberation Serif
pdffonts "$tmp/ar.pdf" > "$tmp/ar.fonts"
grep -Eq '^[A-Z]{6}\+Amiri-Regular +CID TrueType +Identity-H +yes +yes' "$tmp/ar.fonts" \
    || { cat "$tmp/ar.fonts"; fail "ar: Amiri not embedded as a subset"; }
grep -Eq '^[A-Z]{6}\+Amiri-Bold ' "$tmp/ar.fonts" || fail "ar: no bold Arabic face"
grep -Eq '^[A-Z]{6}\+LiberationSerif ' "$tmp/ar.fonts" || fail "ar: Latin runs not in Liberation Serif"

# --- the PDF's text: the symbol and the URLs come out whole and left to right (pdftotext orders
# a Latin run's glyphs by their x positions: a run drawn right to left would read reversed)
pdftotext "$tmp/ar.pdf" "$tmp/ar.txt"
for s in 'APLC/MSP.22/2025/22' 'https://www.apminebanconvention.org/en/membership/south-sudan' \
         'https://www.apminebanconvention.org/en/meetings/intersessional-meetings/2025-im/documents-1' '8 October 2025' 'Original: English' '22MSP' 'SRAAP'; do
    grep -qF -- "$s" "$tmp/ar.txt" || fail "ar: '$s' not readable left to right in the PDF's text"
done
# The PDF's Arabic text is the FO's, in order. pdftotext splits a word where a glyph's cursive
# attachment leaves a gap ("تقرير" reads "تقر ير"), so each run of Arabic letters and spaces of a
# pdftotext line, its spaces taken out, must occur in the FO's Arabic text with its spaces taken
# out: letters out of order, or runs of a line in the wrong order, would not.
"$bin" fo "$src" > "$tmp/ar.fo"
python3 - "$tmp/ar.fo" "$tmp/ar.txt" <<'PY' || fail "ar: the PDF's Arabic text is not the FO's"
import re, sys
import xml.etree.ElementTree as ET
FO = "{http://www.w3.org/1999/XSL/Format}"
flow = ET.parse(sys.argv[1]).getroot()
fo = " ".join(t for el in flow.iter() if el.tag not in (FO + "bookmark-title", FO + "title") for t in [el.text or "", el.tail or ""])
txt = open(sys.argv[2], encoding="utf-8").read()
# letters only: pdftotext places a vowel mark (damma in "أُعد") by its x, before its letter
LETTERS = "\u0621-\u063a\u0640-\u064a"
MARKS = re.compile("[\u064b-\u0652]")
flat = re.sub("[^" + LETTERS + "]", "", MARKS.sub("", fo))
txt = MARKS.sub("", txt)
runs = checked = 0
bad = []
for line in txt.splitlines():
    for run in re.findall("[" + LETTERS + "][" + LETTERS + " ]*", line):
        r = run.replace(" ", "")
        runs += 1
        if len(r) < 4:
            continue
        checked += 1
        if r not in flat:
            bad.append(run)
print("ar: %d Arabic runs in the PDF's text, %d checked, %d not in the FO %s" % (runs, checked, len(bad), bad[:5]))
sys.exit(0 if checked > 150 and not bad else 1)
PY

# --- the area tree: positions (body measure 113.39-481.90 on page 1 and later pages)
python3 - "$tmp/ar.tree" <<'PY' || fail "ar: layout positions"
import re, sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1]).getroot()
T = lambda l: "".join(l.itertext()).replace("\u00a0", " ")
right = lambda l: float(l.get("x")) + float(l.get("w"))
bad = []
num = sub = just = notes = 0
for page in t.iter("page"):
    lines = [l for l in page.iter("line")]
    for i, l in enumerate(lines):
        s, z = T(l), l.get("zone")
        if z == "body" and re.match(r"[0-9]+-", s):          # a paragraph's first line: "1-" at the right
            num += 1
            if abs(right(l) - 481.90) > 0.05: bad.append("number not at the right: %s" % s[:30])
        if z == "body" and re.match(r"\([\u0621-\u064a]+\)", s):   # sub-item: label one tab in from the right
            sub += 1
            if abs(right(l) - 453.55) > 0.05: bad.append("sub-item label not at the right: %s" % s[:30])
        if z == "body" and l.get("adjust") and float(l.get("w")) > 300:   # justified: both edges reached
            just += 1
            if abs(right(l) - 481.90) > 0.05 or abs(float(l.get("x")) - 113.39) > 0.05:
                bad.append("justified line short of the measure (x %s w %s): %s" % (l.get("x"), l.get("w"), s[:30]))
        if z in ("body", "footnotes") and s.rstrip().endswith("/"):   # a month pair broken at its slash
            bad.append("line breaks inside a month pair: %s" % s[-30:])
        if z == "footnotes" and s == l.get("raised"):       # note label right of its note's text
            notes += 1
            body = [m for m in lines if m.get("zone") == "footnotes" and m.get("footnote") == l.get("footnote") and T(m) != m.get("raised")]
            if not body or float(l.get("x")) < right(body[0]): bad.append("note label left of its text: %s" % s)
        if z == "before" and "APLC" in s and page.get("master") != "first":   # running head: outer edge
            n = int(page.get("number"))
            if n % 2 == 0 and abs(right(l) - 538.59) > 0.05: bad.append("even page head not at the right")
            if n % 2 == 1 and abs(float(l.get("x")) - 56.69) > 0.05: bad.append("odd page head not at the left")
        if z == "after" and re.fullmatch(r"[0-9]+", s):
            n = int(s)
            if (n % 2 == 0) != (abs(right(l) - 538.59) < 0.05): bad.append("page number %d not mirrored" % n)
for b in bad: print("ar: " + b)
print("ar: %d paragraph numbers, %d sub-item labels, %d justified lines, %d note labels checked" % (num, sub, just, notes))
# page 1: symbol at the left, body name at the right, the English block at the left
first = t.find("page")
sym = [l for l in first.iter("line") if l.get("zone") == "before" and "APLC" in T(l)]
name = [l for l in first.iter("line") if T(l).startswith("اجتماع الدول الأطراف")]
date = [l for l in first.iter("line") if "8 October 2025" in T(l)]
if not sym or abs(float(sym[0].get("x")) - 56.69) > 0.05: bad.append("page 1 symbol not at the left")
if not name or abs(right(name[0]) - 538.59) > 0.05: bad.append("body name not at the right")
if not date or abs(float(date[0].get("x")) - 56.70) > 0.05: bad.append("date not at the left")
sys.exit(1 if bad or num < 15 or sub != 2 or just < 40 or notes < 3 else 0)
PY

# --- labels and dates as LANGUAGES.md gives them (no-break spaces read as spaces, word joiners taken out)
sed 's/\xc2\xa0/ /g; s/\xe2\x81\xa0//g' "$tmp/ar.tree" > "$tmp/ar.tree.txt"
for s in 'Arabic' 'الاجتماع الثاني والعشرون' 'جنيف، 1-5 كانون الأول/ديسمبر 2025' \
         'البند 9 (ج) من جدول الأعمال المؤقت' 'أعيد إصدارها لأسباب فنية في 2 كانون الأول/ديسمبر 2025' \
         '(تركيا (الرئيس)، الدانمرك (الرئيس)، سويسرا،' 'أولاً -' '27 كانون الثاني/يناير 2025'; do
    grep -qF -- "$s" "$tmp/ar.tree.txt" || fail "ar: no '$s' in the area tree"
done

# --- the cross-language check passes with the six versions, and fails at the place when the
# Arabic version loses a paragraph
"$bin" check "$papers"/000-coop-assistance-report*.xml > "$tmp/check.out" 2>&1 \
    || { cat "$tmp/check.out"; fail "cross-language check failed"; }
[ "$(grep -c 'OK$' "$tmp/check.out")" -eq 6 ] || { cat "$tmp/check.out"; fail "check: not six OK"; }
perl -0pe 's|<p id="p-sudan">.*?</p>\s*||s' "$src" > "$tmp/000-coop-assistance-report-ar.xml"
! grep -q 'p-sudan' "$tmp/000-coop-assistance-report-ar.xml" || fail "test: the paragraph was not removed"
cp "$papers/000-coop-assistance-report.xml" "$tmp/"
if "$bin" check "$tmp/000-coop-assistance-report.xml" "$tmp/000-coop-assistance-report-ar.xml" > "$tmp/check2.out" 2>&1; then
    fail "check passed with a paragraph removed"
fi
grep -Eq '000-coop-assistance-report-ar.xml:[0-9]+:[0-9]+: error' "$tmp/check2.out" \
    || { cat "$tmp/check2.out"; fail "check: no located error"; }
echo "ok"
