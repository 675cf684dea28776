#!/usr/bin/env bash
# corrections, more cases: a paragraph inserted (one addition, the ones after
# it not changed though renumbered), a note inserted (one addition, the calls
# after it renumbered), a paragraph rewritten (restated whole, and the draft
# builds), a title change, a deleted paragraph; statements get no corrigendum;
# a missing file, --number, pairs of two symbols.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$MSP_TMP
cd "$T"
cp "$MSP_ROOT/data/papers/000-coop-assistance-report.xml" issued.xml
perl -0pe '
  s/Report on activities and priorities/Report on the activities and priorities/ or die;
  s|(<p id="p-sudan">)|<p>A new paragraph was inserted here.</p>\n      $1| or die;
  s|<p id="p-fund">.*?</p>|<p id="p-fund">Entirely different words now stand in this paragraph, none of them from before, and the fund is <b>not</b> named.</p>|s or die;
  s|27 January 2025 to discuss|27 January 2025<note>At the Implementation Support Unit.</note> to discuss| or die;
  s|<p id="p-eu">.*?</p>||s or die;
' issued.xml > corrected.xml
set +e
"$MSPDOC" diff issued.xml corrected.xml > diff.txt 2> diff.err
rc=$?
set -e
[ "$rc" -eq 1 ] || { cat diff.err; fail "exit 1 expected, got $rc"; }
cat diff.txt
[ "$(wc -l < diff.txt)" -eq 7 ] || fail "seven changes expected"
grep -qx 'title: inserted after "Report on": "the"' diff.txt || fail "title"
grep -qx 'paragraph 1, line 1: inserted after "January 2025": "1"' diff.txt || fail "the new note's call"
grep -qx 'paragraph 7, line 2: "preliminary observations1" → "preliminary observations2"' diff.txt || fail "the renumbered call"
grep -qx 'footnote 1 added: "At the Implementation Support Unit."' diff.txt || fail "the new note"
grep -qx 'paragraph 10 added: "A new paragraph was inserted here."' diff.txt || fail "the new paragraph"
grep -q '^paragraph 14, lines 1-[0-9]*: rewritten: "Entirely different words' diff.txt || fail "the rewritten paragraph"
grep -q '^paragraph 18 deleted: "The Committee will take advantage' diff.txt || fail "the deleted paragraph"
! grep -q '^paragraph 1[1235-7][ ,]' diff.txt || fail "renumbered paragraphs are no changes"

"$MSPDOC" corrigendum --number 3 issued.xml corrected.xml -o corr.xml > /dev/null || fail "corrigendum"
grep -q '<symbol>APLC/MSP.22/2025/22/Corr.3</symbol>' corr.xml || fail "--number"
grep -q '<where>After paragraph 9</where>' corr.xml || fail "where the new paragraph goes"
grep -q '<text label="10.">A new paragraph was inserted here.</text>' corr.xml || fail "the new paragraph's text"
grep -q '<text label="14.">Entirely different words .* <b>not</b> named.</text>' corr.xml || fail "the restated paragraph keeps its markup"
grep -q '<instruction>Delete the paragraph.</instruction>' corr.xml || fail "deleted paragraph"
grep -q '<where>Title</where>' corr.xml || fail "title locator"
# note calls are cited as calls
grep -q '<instruction>After January 2025 insert <sup>1</sup></instruction>' corr.xml || fail "an inserted call"
grep -q '<instruction><i>For</i> preliminary observations<sup>1</sup> <i>read</i> preliminary observations<sup>2</sup></instruction>' corr.xml \
    || fail "a renumbered call"
"$MSPDOC" check corr.xml > /dev/null || fail "check"
"$MSPDOC" build corr.xml -o corr.pdf > /dev/null || fail "build"
pdftotext corr.pdf - | tr '\n' ' ' | tr -s ' ' > corr.txt
grep -qF "The paragraph should read: 14. Entirely different words" corr.txt || { cat corr.txt; fail "restated paragraph printed"; }
grep -qF "Insert a new footnote reading: At the Implementation Support Unit." corr.txt || fail "new footnote printed"

# statements have no corrigenda
cp "$MSP_ROOT/data/papers/002-coop-assistance-statement.xml" st.xml
sed 's/Mister President,/Madam President,/' st.xml > st2.xml
"$MSPDOC" diff st.xml st2.xml > st.txt && fail "statement diff: exit 1 expected"
grep -qx 'unnumbered paragraph 2, line 1: "Mister President" → "Madam President"' st.txt || { cat st.txt; fail "statement diff"; }
set +e
"$MSPDOC" corrigendum st.xml st2.xml > st.out 2> st.err
rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "only reports have corrigenda" st.err || { cat st.err; fail "statement corrigendum refused"; }

# a missing file; pairs of two symbols; an odd number of files
set +e
"$MSPDOC" diff issued.xml missing.xml 2> missing.err; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "^missing.xml: error: " missing.err || { cat missing.err; fail "missing file: exit 2 naming it"; }
sed 's|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP.22/2025/23</symbol>|' issued.xml > other.xml
sed 's|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP.22/2025/23</symbol>|' corrected.xml > other-c.xml
mkdir out
set +e
"$MSPDOC" corrigendum issued.xml corrected.xml other.xml other-c.xml -o out 2> pairs.err; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "^other.xml: error: symbol APLC/MSP.22/2025/23 here, APLC/MSP.22/2025/22 in issued.xml" pairs.err \
    || { cat pairs.err; fail "pairs of two symbols"; }
[ -z "$(ls out)" ] || fail "nothing is written when the pairs are not one paper"
set +e
"$MSPDOC" corrigendum issued.xml corrected.xml other.xml 2> odd.err; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "expected pairs" odd.err || fail "odd number of files"
echo OK
