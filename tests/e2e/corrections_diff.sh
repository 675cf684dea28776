#!/usr/bin/env bash
# corrections: `mspdoc diff` and `mspdoc corrigendum` on the sample report and
# a corrected copy with (a) one word changed in paragraph 5, (b) a sentence
# deleted in paragraph 7, (c) a footnote's text changed, (d) a sub-item added.
# The printed line numbers are checked against the issued version's own area
# tree (`build --area-tree`), found there independently of diff's mapping;
# the drafted corrigendum passes `check` and builds to a PDF with the four
# entries; unchanged copies, another symbol, the threshold, Corr.N numbering
# and two language versions.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP/issued" "$MSP_TMP/out"
# diff's standard error is asserted empty (an ASan build would list its suppressions there)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$MSP_TMP
papers="$MSP_ROOT/data/papers"
issued="$T/issued/report.xml"
cp "$papers/000-coop-assistance-report.xml" "$issued"
corrected="$T/corrected.xml"
perl -0p "$MSP_ROOT/tests/data/corrections/sample-corrections.pl" "$issued" > "$corrected"

# ---- the printed lines, from the issued version's area tree ----
"$MSPDOC" build "$issued" -o "$T/issued.pdf" --area-tree "$T/tree.xml" >/dev/null || fail "build of the issued version"
# body lines in order, their text only (one <line> per line of the dump)
grep '<line zone="body"' "$T/tree.xml" | sed -e 's/.*">\(.*\)<\/line>$/\1/' > "$T/body.txt"
# line_in PARA TEXT: the printed line of paragraph PARA (1-based) that holds TEXT
line_in() {
    awk -v p="$1." -v t="$2" '
        index($0, p) == 1 && substr($0, length(p) + 1, 1) ~ /[A-Z]/ { on = 1; n = 0 }
        on { n++; if (index($0, t)) { print n; exit } }' "$T/body.txt"
}
L5=$(line_in 5 "potential")
L7a=$(line_in 7 "The methodology")
L7b=$(line_in 7 "affected communities.")
[ -n "$L5" ] && [ -n "$L7a" ] && [ -n "$L7b" ] || fail "words not found in the area tree"
[ "$L5" -gt 1 ] || fail "the test wants a change past the paragraph's first line"
# footnote 1: its text lines on its page (the mark, set apart, is a line with raised=)
LF=$(grep -e '<page ' -e '<line zone="footnotes"' "$T/tree.xml" | grep -v 'raised=' | awk '
    /<page / { delete c; next }
    { match($0, /footnote="[0-9]+"/); k = substr($0, RSTART, RLENGTH); c[k]++ }
    /documents-1/ { print c[k]; exit }')
[ -n "$LF" ] || fail "footnote 1 not found in the area tree"

# ---- diff ----
set +e
"$MSPDOC" diff "$issued" "$corrected" > "$T/diff.txt" 2> "$T/diff.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || { cat "$T/diff.err"; fail "diff with changes should exit 1, got $rc"; }
[ ! -s "$T/diff.err" ] || { cat "$T/diff.err"; fail "diff wrote to stderr"; }
cat "$T/diff.txt"
[ "$(wc -l < "$T/diff.txt")" -eq 4 ] || fail "expected exactly four changes"
url=https://www.apminebanconvention.org/en/meetings/intersessional-meetings/2025-im/documents
want="paragraph 5, line $L5: \"potential opportunities\" → \"new opportunities\"
paragraph 7, lines $L7a-$L7b: second sentence deleted: \"The methodology for the preparation of preliminary observations was based on the Committee's mandate to review relevant information provided by the States Parties on implementation of cooperation and assistance commitments contained in the SRAAP, as well as on matters regarding gender and the diverse needs of affected communities.\"
footnote 1, line $LF: \"$url-1\" → \"$url-2\"
paragraph 8 (b) added after (a): \"https://www.apminebanconvention.org/en/membership/sudan;\""
[ "$(cat "$T/diff.txt")" = "$want" ] || { echo "wanted:"; echo "$want"; fail "diff output"; }

"$MSPDOC" diff --json "$issued" "$corrected" > "$T/diff.json" && fail "--json: exit 0 with changes"
[ "$(jq '.changes | length' "$T/diff.json")" -eq 4 ] || fail "json: four changes"
[ "$(jq -r '[.changes[] | .kind] | join(" ")' "$T/diff.json")" = "text text text added" ] || fail "json kinds"
[ "$(jq -c '.changes[0].lines' "$T/diff.json")" = "[$L5,$L5]" ] || fail "json lines"
[ "$(jq -r '.changes[1].sentence' "$T/diff.json")" = 2 ] || fail "json sentence"
[ "$(jq -r '.changes[2].note' "$T/diff.json")" = 1 ] || fail "json note"
[ "$(jq -r '.changes[3].sub' "$T/diff.json")" = "(b)" ] || fail "json sub"

# ---- unchanged, another paper ----
cp "$issued" "$T/same.xml"
out=$("$MSPDOC" diff "$issued" "$T/same.xml") || fail "unchanged copies: exit $?"
[ "$out" = "no changes" ] || fail "unchanged copies: '$out'"
sed 's|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP.22/2025/23</symbol>|' "$issued" > "$T/other.xml"
set +e
"$MSPDOC" diff "$issued" "$T/other.xml" > "$T/other.out" 2> "$T/other.err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "another symbol: exit 2 expected, got $rc"
[ ! -s "$T/other.out" ] || fail "another symbol: something on stdout"
grep -q "^$issued:6:5: error: .*$issued.*$T/other.xml.*APLC/MSP.22/2025/22 here, APLC/MSP.22/2025/23" "$T/other.err" \
    || { cat "$T/other.err"; fail "another symbol: the error names both files"; }
grep -q "hint: .*$T/other.xml:6:5" "$T/other.err" || fail "another symbol: the hint points into the other file"

# ---- corrigendum ----
"$MSPDOC" corrigendum "$issued" "$corrected" -o "$T/corr.xml" > "$T/corr.out" || fail "corrigendum"
grep -q "APLC/MSP.22/2025/22/Corr.1, 4 entries" "$T/corr.out" || fail "corrigendum summary line"
grep -q '<symbol>APLC/MSP.22/2025/22/Corr.1</symbol>' "$T/corr.xml" || fail "Corr.1 symbol"
grep -q '<date>2025-10-08</date>' "$T/corr.xml" || fail "date from SOURCE_DATE_EPOCH"
[ "$(grep -c '<correction>' "$T/corr.xml")" -eq 4 ] || fail "four entries"
"$MSPDOC" check "$T/corr.xml" > /dev/null || fail "the corrigendum does not pass check"
"$MSPDOC" build "$T/corr.xml" -o "$T/corr.pdf" > /dev/null || fail "the corrigendum does not build"
pdftotext "$T/corr.pdf" - | tr '\n' ' ' | tr -s ' ' > "$T/corr.txt"
for s in "Corrigendum" \
         "1. Paragraph 5, line $L5 For potential opportunities read new opportunities" \
         "2. Paragraph 7 Delete the second sentence." \
         "3. Footnote 1, line $LF For https://" "2025-im/documents-1 read https://" "2025-im/documents-2" \
         "4. Paragraph 8, after subparagraph (a) Insert a new subparagraph (b) reading: (b) https://www.apminebanconvention.org/en/membership/sudan;"; do
    grep -qF -- "$s" "$T/corr.txt" || { cat "$T/corr.txt"; fail "corrigendum PDF lacks: $s"; }
done
# For and read in italics, as UN corrigenda print them
grep -q '<instruction><i>For</i> potential opportunities <i>read</i> new opportunities</instruction>' "$T/corr.xml" \
    || fail "For/read markup"

# the next free number: Corr.1 now stands beside the issued paper
cp "$T/corr.xml" "$T/issued/report-corr1.xml"
"$MSPDOC" corrigendum "$issued" "$corrected" > "$T/corr2.xml" || fail "second corrigendum"
grep -q '<symbol>APLC/MSP.22/2025/22/Corr.2</symbol>' "$T/corr2.xml" || fail "Corr.2 expected"
rm "$T/issued/report-corr1.xml"
# nothing to correct
set +e
"$MSPDOC" corrigendum "$issued" "$T/same.xml" > "$T/none.out" 2> "$T/none.err"
rc=$?
set -e
[ "$rc" -eq 1 ] && [ ! -s "$T/none.out" ] && grep -q "no changes" "$T/none.err" || fail "no changes: no corrigendum, exit 1"

# ---- threshold: too many changes for a corrigendum ----
sed 's/the Committee/the Commission/g' "$issued" > "$T/many.xml"
set +e
"$MSPDOC" corrigendum "$issued" "$T/many.xml" -o "$T/many-corr.xml" 2> "$T/many.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "threshold: exit 1 expected, got $rc"
[ ! -e "$T/many-corr.xml" ] || fail "threshold: a corrigendum was written"
grep -q "revision" "$T/many.err" && grep -q -- "--revision" "$T/many.err" && grep -q -- "--force" "$T/many.err" \
    || { cat "$T/many.err"; fail "threshold message"; }
"$MSPDOC" corrigendum --force "$issued" "$T/many.xml" -o "$T/many-corr.xml" > /dev/null || fail "--force"
"$MSPDOC" check "$T/many-corr.xml" > /dev/null || fail "forced corrigendum does not check"

# ---- two language versions ----
cp "$papers/000-coop-assistance-report-fr.xml" "$T/issued/report-fr.xml"
sed 's/Le 11 juin 2025, le Comité/Le 12 juin 2025, le Comité/' "$T/issued/report-fr.xml" > "$T/corrected-fr.xml"
cmp -s "$T/issued/report-fr.xml" "$T/corrected-fr.xml" && fail "the French correction did not apply"
"$MSPDOC" corrigendum "$issued" "$corrected" "$T/issued/report-fr.xml" "$T/corrected-fr.xml" -o "$T/out" \
    > "$T/pairs.out" 2> "$T/pairs.err" || { cat "$T/pairs.err"; fail "two versions"; }
[ -f "$T/out/report-corr1.xml" ] && [ -f "$T/out/report-fr-corr1.xml" ] || { ls "$T/out"; fail "one corrigendum per version"; }
grep -q '<where>Paragraphe 5, ligne 1</where>' "$T/out/report-fr-corr1.xml" || fail "French locator"
grep -q '<instruction><i>Au lieu de</i> 11 juin <i>lire</i> 12 juin</instruction>' "$T/out/report-fr-corr1.xml" \
    || { cat "$T/out/report-fr-corr1.xml"; fail "French instruction"; }
grep -q "^$T/corrected-fr.xml: warning: paragraph 7 is corrected in $corrected (en) but not in this version (fr)" \
    "$T/pairs.err" || { cat "$T/pairs.err"; fail "the paragraph corrected in one version only is named"; }
"$MSPDOC" check "$T/out/report-fr-corr1.xml" > /dev/null || fail "French corrigendum does not check"
echo "OK"
