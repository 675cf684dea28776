#!/usr/bin/env bash
# The cross-language check of `mspdoc check`: the sample papers and the
# versions of tests/data/versions pass; a version with a paragraph removed,
# a note moved to another paragraph, or another date fails with the place in
# BOTH files, each message naming the other's file:line:column; --draft makes
# the same differences warnings.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
d="$MSP_ROOT/tests/data/versions"

# the sample papers (English, French, Spanish, Russian, Chinese and Arabic of APLC/MSP.22/2025/22, a statement) agree
"$MSPDOC" check "$MSP_ROOT"/data/papers/*.xml > "$MSP_TMP/samples.out" 2> "$MSP_TMP/samples.err" \
    || { cat "$MSP_TMP/samples.err"; fail "the sample papers do not pass the check"; }
[ "$(grep -c ': OK$' "$MSP_TMP/samples.out")" -eq 7 ] || fail "not every sample is OK"
[ ! -s "$MSP_TMP/samples.err" ] || { cat "$MSP_TMP/samples.err"; fail "the samples gave messages"; }
"$MSPDOC" check "$d/report.xml" "$d/report-fr.xml" "$d/report-es.xml" > /dev/null 2> "$MSP_TMP/ok.err" \
    || { cat "$MSP_TMP/ok.err"; fail "tests/data/versions: the three versions do not agree"; }

# check_pair VARIANT EN_MESSAGE FR_MESSAGE: both lines printed, exit 1, one error each
check_pair() {
    local v=$1 en=$2 fr=$3 rc=0
    "$MSPDOC" check "$d/report.xml" "$d/$v-fr.xml" > "$MSP_TMP/$v.out" 2> "$MSP_TMP/$v.err" || rc=$?
    [ "$rc" -eq 1 ] || { cat "$MSP_TMP/$v.err"; fail "$v: exit $rc, want 1"; }
    grep -qF -- "$en" "$MSP_TMP/$v.err" || { cat "$MSP_TMP/$v.err"; fail "$v: no '$en'"; }
    grep -qF -- "$fr" "$MSP_TMP/$v.err" || { cat "$MSP_TMP/$v.err"; fail "$v: no '$fr'"; }
    grep -qxF "$d/report.xml: 1 error" "$MSP_TMP/$v.err" || fail "$v: report.xml has not exactly 1 error"
    grep -qxF "$d/$v-fr.xml: 1 error" "$MSP_TMP/$v.err" || fail "$v: $v-fr.xml has not exactly 1 error"
    # --draft: the same, as warnings; both files pass
    "$MSPDOC" check --draft "$d/report.xml" "$d/$v-fr.xml" > "$MSP_TMP/$v.draft.out" 2> "$MSP_TMP/$v.draft.err" \
        || { cat "$MSP_TMP/$v.draft.err"; fail "$v: --draft failed"; }
    [ "$(grep -c ': warning: ' "$MSP_TMP/$v.draft.err")" -eq 2 ] || { cat "$MSP_TMP/$v.draft.err"; fail "$v: --draft: not two warnings"; }
    grep -qF -- "${en/: error: /: warning: }" "$MSP_TMP/$v.draft.err" || fail "$v: --draft: no warning at the same place"
    [ "$(grep -c ': OK$' "$MSP_TMP/$v.draft.out")" -eq 2 ] || fail "$v: --draft: not both OK"
}

check_pair removed \
    "$d/report.xml:17:5: error: chapter I has 3 paragraphs and 1 list of sub-items here but 2 paragraphs and 1 list of sub-items in $d/removed-fr.xml:15:5" \
    "$d/removed-fr.xml:15:5: error: chapter I has 2 paragraphs and 1 list of sub-items here but 3 paragraphs and 1 list of sub-items in $d/report.xml:17:5"
check_pair note-moved \
    "$d/report.xml:29:59: error: paragraph 5 holds note 2 in $d/note-moved-fr.xml:28:68 but the note is in paragraph 4 here" \
    "$d/note-moved-fr.xml:28:68: error: paragraph 4 holds note 2 in $d/report.xml:29:59 but the note is in paragraph 5 here"
check_pair date \
    "$d/report.xml:8:5: error: the date is '2025-10-08' here but '2025-10-09' in $d/date-fr.xml:6:5" \
    "$d/date-fr.xml:6:5: error: the date is '2025-10-09' here but '2025-10-08' in $d/report.xml:8:5"

# a version is compared with the original (English): the Spanish one, which agrees, stays OK
rc=0
"$MSPDOC" check "$d/report-es.xml" "$d/note-moved-fr.xml" "$d/report.xml" > "$MSP_TMP/three.out" 2> "$MSP_TMP/three.err" || rc=$?
[ "$rc" -eq 1 ] || fail "three versions: exit $rc"
grep -qxF "$d/report-es.xml: OK" "$MSP_TMP/three.out" || { cat "$MSP_TMP/three.err"; fail "the Spanish version is not OK"; }
# sources of other symbols are not compared
sed 's|APLC/MSP.22/2025/90|APLC/MSP.22/2025/91|' "$d/date-fr.xml" > "$MSP_TMP/other.xml"
"$MSPDOC" check -q "$d/report.xml" "$MSP_TMP/other.xml" 2> "$MSP_TMP/other.err" \
    || { cat "$MSP_TMP/other.err"; fail "another symbol was compared"; }
echo "ok: versions check"
