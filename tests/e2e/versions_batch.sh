#!/usr/bin/env bash
# The cross-language check in `mspdoc batch`: the versions of a symbol that
# disagree (a note moved in the French one) fail, each with the located
# error naming the other file, while the version that agrees and the other
# papers build; index.json groups the versions under "symbols" and
# index.html has the versions table; --draft builds them all with warnings;
# once the version is corrected the next run builds the two.
. "$(dirname "$0")/../data/batch/lib.sh"
d="$PROJECT/tests/data/versions"
src="$MSP_TMP/src"; out="$MSP_TMP/out"
mkdir -p "$src"
cp "$d/report.xml" "$d/report-es.xml" "$d/note-moved-fr.xml" "$src/"
cp "$PROJECT/data/papers/002-coop-assistance-statement.xml" "$src/"

rc=0
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2> "$MSP_TMP/run1.err" || rc=$?
[ "$rc" -eq 1 ] || { cat "$MSP_TMP/run1.err"; fail "run 1: exit $rc, want 1"; }
grep -qF "$src/report.xml:29:59: error: paragraph 5 holds note 2 in $src/note-moved-fr.xml:28:68 but the note is in paragraph 4 here" \
    "$MSP_TMP/run1.err" || { cat "$MSP_TMP/run1.err"; fail "run 1: no error in the English version"; }
grep -qF "$src/note-moved-fr.xml:28:68: error: paragraph 4 holds note 2 in $src/report.xml:29:59" \
    "$MSP_TMP/run1.err" || { cat "$MSP_TMP/run1.err"; fail "run 1: no error in the French version"; }
grep -q "1 symbol whose language versions disagree" "$MSP_TMP/run1.err" || fail "run 1: no summary line"
# one bad version never stops the others
[ -f "$out/APLC_MSP.22_2025_90-S.pdf" ] || fail "run 1: the Spanish version was not built"
[ -f "$out/002-coop-assistance-statement.pdf" ] || fail "run 1: the statement was not built"
[ ! -e "$out/APLC_MSP.22_2025_90-E.pdf" ] || fail "run 1: the English version was built"
[ ! -e "$out/APLC_MSP.22_2025_90-F.pdf" ] || fail "run 1: the French version was built"
no_partial_output "$out"
j="$out/index.json"
jq -e '.totals.failed == 2 and .totals.built == 2' "$j" > /dev/null || fail "run 1: totals"
jq -e '.symbols | length == 1' "$j" > /dev/null || fail "run 1: not one symbol"
jq -e '.symbols[0].symbol == "APLC/MSP.22/2025/90" and .symbols[0].check == "failed"' "$j" > /dev/null \
    || fail "run 1: the symbol's check is not 'failed'"
[ "$(jq -r '.symbols[0].versions | map("\(.lang) \(.status) \(.output)") | sort | join(",")' "$j")" = \
  "en failed APLC_MSP.22_2025_90-E.pdf,es built APLC_MSP.22_2025_90-S.pdf,fr failed APLC_MSP.22_2025_90-F.pdf" ] \
    || { jq .symbols "$j"; fail "run 1: the versions listed"; }
jq -e '.symbols[0].versions | map(.source) | index("'"$src"'/report.xml") != null' "$j" > /dev/null || fail "run 1: sources"
# the reason is in the failed papers' errors
jq -e --arg s "$src/report.xml" '.papers[] | select(.source == $s) | .errors | map(.message) | any(test("holds note 2"))' \
    "$j" > /dev/null || fail "run 1: the English paper's errors lack the reason"
jq -e --arg s "$src/report.xml" '.papers[] | select(.source == $s) | .errors | length == 1' "$j" > /dev/null \
    || fail "run 1: the English paper has other errors"
grep -q '<table class="versions">' "$out/index.html" || fail "run 1: no versions table in index.html"
grep -q 'no (errors)' "$out/index.html" || fail "run 1: the table does not say the versions disagree"

# --draft: warnings, every paper built
"$MSPDOC" batch "$src" -O "$MSP_TMP/draft" -j 2 -q --draft 2> "$MSP_TMP/draft.err" \
    || { cat "$MSP_TMP/draft.err"; fail "--draft: failed"; }
[ "$(grep -c ': warning: paragraph . holds note 2' "$MSP_TMP/draft.err")" -eq 2 ] || { cat "$MSP_TMP/draft.err"; fail "--draft: warnings"; }
[ "$(count_pdfs "$MSP_TMP/draft")" -eq 4 ] || fail "--draft: not 4 PDFs"
jq -e '.symbols[0].check == "warnings"' "$MSP_TMP/draft/index.json" > /dev/null || fail "--draft: check is not 'warnings'"
# a second draft run: up to date, the warnings made again but not doubled by the stamps
"$MSPDOC" batch "$src" -O "$MSP_TMP/draft" -j 2 -q --draft 2> "$MSP_TMP/draft2.err" || fail "--draft 2: failed"
[ "$(grep -c ': warning: paragraph . holds note 2' "$MSP_TMP/draft2.err")" -eq 2 ] || { cat "$MSP_TMP/draft2.err"; fail "--draft 2: warnings"; }
jq -e '.totals.up_to_date == 4 and ([.papers[].warnings | length] | add) == 2' "$MSP_TMP/draft/index.json" > /dev/null \
    || fail "--draft 2: warnings doubled or papers rebuilt"

# corrected: the two versions build, the Spanish one is up to date
rm "$src/note-moved-fr.xml"
cp "$d/report-fr.xml" "$src/"
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2> "$MSP_TMP/run2.err" || { cat "$MSP_TMP/run2.err"; fail "run 2 failed"; }
jq -e '.totals.built == 2 and .totals.up_to_date == 2 and .symbols[0].check == "ok"' "$j" > /dev/null \
    || { jq .totals "$j"; fail "run 2: totals"; }
[ -f "$out/APLC_MSP.22_2025_90-E.pdf" ] && [ -f "$out/APLC_MSP.22_2025_90-F.pdf" ] || fail "run 2: PDFs missing"

# the sample papers: their six versions agree and are grouped
"$MSPDOC" batch "$PROJECT/data/papers" -O "$MSP_TMP/samples" -j 2 -q 2> "$MSP_TMP/samples.err" \
    || { cat "$MSP_TMP/samples.err"; fail "the sample papers failed"; }
jq -e '.symbols | map(select(.symbol == "APLC/MSP.22/2025/22"))[0] | .check == "ok" and (.versions | map(.lang) | sort) == ["ar","en","es","fr","ru","zh"]' \
    "$MSP_TMP/samples/index.json" > /dev/null || { jq .symbols "$MSP_TMP/samples/index.json"; fail "samples: symbols"; }
echo "ok: versions batch"
