#!/usr/bin/env bash
# `mspdoc reissue` on one language version: only that source changes (the
# other versions keep every byte) and a version reissued alone still agrees;
# two versions reissued on different dates disagree (mspdoc check fails in
# both files, naming each other); the reason, which is translated, may differ.
# reissue takes a source file, never a symbol: a symbol is refused.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
d="$MSP_ROOT/tests/data/versions"
t="$MSP_TMP"
cp "$d/report.xml" "$d/report-fr.xml" "$d/report-es.xml" "$t/"
sha() { sha256sum "$1" | cut -d' ' -f1; }
en0=$(sha "$t/report.xml"); es0=$(sha "$t/report-es.xml")

"$MSPDOC" reissue "$t/report-fr.xml" --date 2025-12-02 --previous-symbol APLC/MSP.22/2025/90 \
    --reason "pour corriger la traduction" || fail "reissue of the French version failed"
grep -qF '<reissue date="2025-12-02" previous="APLC/MSP.22/2025/90" reason="pour corriger la traduction"/>' \
    "$t/report-fr.xml" || fail "the French version has no reissue"
[ "$(sha "$t/report.xml")" = "$en0" ] || fail "the English version changed"
[ "$(sha "$t/report-es.xml")" = "$es0" ] || fail "the Spanish version changed"

# a version reissued alone (a translation corrected, CORRECTIONS.md §2) still agrees with the others
"$MSPDOC" check "$t/report.xml" "$t/report-fr.xml" "$t/report-es.xml" > "$t/check1.out" 2> "$t/check1.err" \
    || { cat "$t/check1.err"; fail "check after one version's reissue failed"; }
[ "$(grep -c ': OK$' "$t/check1.out")" -eq 3 ] || { cat "$t/check1.out"; fail "not every version OK"; }

# two versions reissued with different data: one reissue of the symbol disagrees, located in both files
"$MSPDOC" reissue "$t/report.xml" --date 2025-12-03 --previous-symbol APLC/MSP.22/2025/90 \
    --reason "to correct the translation" || fail "reissue of the English version failed"
rc=0
"$MSPDOC" check "$t/report.xml" "$t/report-fr.xml" "$t/report-es.xml" > "$t/check2.out" 2> "$t/check2.err" || rc=$?
[ "$rc" -eq 1 ] || { cat "$t/check2.err"; fail "check with two reissue dates: exit $rc, want 1"; }
fl=$(grep -n '<reissue ' "$t/report-fr.xml" | cut -d: -f1)
el=$(grep -n '<reissue ' "$t/report.xml" | cut -d: -f1)
grep -qF "$t/report-fr.xml:$fl:5: error: the reissue is 'reissued on 2025-12-02, previously APLC/MSP.22/2025/90' here but 'reissued on 2025-12-03, previously APLC/MSP.22/2025/90' in $t/report.xml:$el:5" \
    "$t/check2.err" || { cat "$t/check2.err"; fail "no error at the French reissue"; }
grep -qF "$t/report.xml:$el:5: error: the reissue is 'reissued on 2025-12-03, previously APLC/MSP.22/2025/90' here but 'reissued on 2025-12-02, previously APLC/MSP.22/2025/90' in $t/report-fr.xml:$fl:5" \
    "$t/check2.err" || { cat "$t/check2.err"; fail "no error at the English reissue"; }
grep -qxF "$t/report-es.xml: OK" "$t/check2.out" || fail "the Spanish version, not reissued, is not OK"
# under --draft: warnings only
"$MSPDOC" check --draft -q "$t/report.xml" "$t/report-fr.xml" "$t/report-es.xml" 2> "$t/draft.err" \
    || { cat "$t/draft.err"; fail "--draft: the reissue difference is an error"; }
grep -q ": warning: the reissue is" "$t/draft.err" || fail "--draft: no warning"

# reissued alike (each with its own wording of the reason): they agree again
"$MSPDOC" reissue "$t/report.xml" --date 2025-12-02 --previous-symbol APLC/MSP.22/2025/90 \
    --reason "to correct the translation" || fail "second reissue of the English version failed"
"$MSPDOC" reissue "$t/report-es.xml" --date 2025-12-02 --previous-symbol APLC/MSP.22/2025/90 \
    || fail "reissue of the Spanish version failed"
"$MSPDOC" check "$t/report.xml" "$t/report-fr.xml" "$t/report-es.xml" > /dev/null 2> "$t/check3.err" \
    || { cat "$t/check3.err"; fail "the versions reissued alike do not agree"; }

# reissue edits a file: a symbol is not a source (no version is picked for the user)
rc=0
"$MSPDOC" reissue APLC/MSP.22/2025/90 --date 2025-12-02 2> "$t/sym.err" || rc=$?
[ "$rc" -eq 2 ] || { cat "$t/sym.err"; fail "reissue of a symbol: exit $rc, want 2"; }
grep -qx "APLC/MSP.22/2025/90: error: is a document symbol, not a source file" "$t/sym.err" \
    && grep -q "hint: give the source of the language version to reissue" "$t/sym.err" \
    || { cat "$t/sym.err"; fail "reissue of a symbol: message"; }
echo "ok: versions reissue"
