#!/usr/bin/env bash
# reissue: sets <reissue> in a source in place (one line added or replaced,
# every other byte kept, comments included), the built masthead symbol gets
# its star and the reissue note; bad arguments and sources are refused with
# the file left untouched.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
orig="$MSP_ROOT/data/papers/000-coop-assistance-report.xml"
src="$MSP_TMP/paper.xml"
# the sample without its reissue
grep -v '<reissue ' "$orig" > "$src"
cp "$src" "$MSP_TMP/before.xml"

"$MSPDOC" reissue "$src" --date 2025-12-02 --previous-symbol APLC/MSP.22/2025/22 || fail "reissue failed"
diff "$MSP_TMP/before.xml" "$src" > "$MSP_TMP/diff.txt" && fail "the source did not change"
[ "$(grep -c '^[<>]' "$MSP_TMP/diff.txt")" -eq 1 ] || { cat "$MSP_TMP/diff.txt"; fail "more than one line changed"; }
grep -qx '    <reissue date="2025-12-02" previous="APLC/MSP.22/2025/22"/>' "$src" || fail "reissue line not as expected"
# it sits where the schema wants it: right before <late-submission/>
grep -A1 '<reissue ' "$src" | tail -1 | grep -q '<late-submission/>' || fail "reissue not before late-submission"
cmp -s "$src" "$orig" || fail "the result differs from the hand-written sample"

# replacing: same line, new values
"$MSPDOC" reissue "$src" --date 2025-12-09 --reason "to correct the annex" || fail "second reissue failed"
[ "$(grep -c '<reissue ' "$src")" -eq 1 ] || fail "two reissue elements"
grep -qx '    <reissue date="2025-12-09" reason="to correct the annex"/>' "$src" || fail "reissue not replaced"
changed=$(diff "$orig" "$src" | grep -c '^[<>]' || true)
[ "$changed" -eq 2 ] || fail "replacing changed other lines"

SOURCE_DATE_EPOCH=1759881600 "$MSPDOC" build "$src" -o "$MSP_TMP/p.pdf" 2>/dev/null || fail "the reissued source does not build"
pdftotext -l 1 "$MSP_TMP/p.pdf" "$MSP_TMP/p.txt"
grep -q 'APLC/MSP.22/2025/22\*' "$MSP_TMP/p.txt" || fail "no star on the masthead symbol"
grep -q 'to correct the annex on 9 December 2025' "$MSP_TMP/p.txt" || fail "no reissue note with the reason and date"

# refused: bad date, bad symbol, a statement, broken XML; files untouched
cp "$src" "$MSP_TMP/keep.xml"
set +e
"$MSPDOC" reissue "$src" --date 2025-02-30 2>"$MSP_TMP/e1"; [ $? -eq 2 ] || fail "bad date: exit not 2"
"$MSPDOC" reissue "$src" --date 2025-12-02 --previous-symbol APLC/MSP/22 2>"$MSP_TMP/e2"; [ $? -eq 2 ] || fail "bad symbol: exit not 2"
"$MSPDOC" reissue "$src" 2>/dev/null; [ $? -eq 2 ] || fail "missing --date: exit not 2"
cp "$MSP_ROOT/data/papers/002-coop-assistance-statement.xml" "$MSP_TMP/st.xml"
"$MSPDOC" reissue "$MSP_TMP/st.xml" --date 2025-12-02 2>"$MSP_TMP/e3"; [ $? -eq 1 ] || fail "statement: exit not 1"
printf '<paper xmlns="urn:x-mspdoc:paper:1" kind="report">\n  <meta>\n</paper>\n' > "$MSP_TMP/bad.xml"
cp "$MSP_TMP/bad.xml" "$MSP_TMP/bad.keep"
"$MSPDOC" reissue "$MSP_TMP/bad.xml" --date 2025-12-02 2>"$MSP_TMP/e4"; [ $? -eq 1 ] || fail "broken XML: exit not 1"
set -e
grep -q "not a valid date" "$MSP_TMP/e1" || fail "bad date: no message"
grep -q "APLC/MSP/22" "$MSP_TMP/e2" || fail "bad symbol: no message"
grep -Eq "st.xml:[0-9]+:[0-9]+: error: this source cannot carry a reissue" "$MSP_TMP/e3" || fail "statement: no located error"
grep -Eq "bad.xml:3:[0-9]+: error: " "$MSP_TMP/e4" || fail "broken XML: no located error"
cmp -s "$src" "$MSP_TMP/keep.xml" || fail "a refused reissue changed the source"
cmp -s "$MSP_ROOT/data/papers/002-coop-assistance-statement.xml" "$MSP_TMP/st.xml" || fail "statement changed"
cmp -s "$MSP_TMP/bad.xml" "$MSP_TMP/bad.keep" || fail "broken source changed"
[ -z "$(find "$MSP_TMP" -name '*.tmp')" ] || fail "temporary files left"
echo "ok: reissue in place"
