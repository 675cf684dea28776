#!/bin/bash
# `mspdoc check` on sources: valid samples pass (exit 0); a paper with ten
# domain errors reports them all with file:line:column (exit 1), so does one
# with wrong <chair> elements in its committee; a malformed
# file reports line:column; usage errors exit 2; nothing is written.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$MSP_ROOT/tests/data/source"

"$MSPDOC" check "$D/valid.xml" >/dev/null 2>&1 || fail "valid.xml must pass"

set +e
"$MSPDOC" check "$D/check_ten_errors.xml" >/dev/null 2>err.txt; rc=$?
set -e
[ $rc -eq 1 ] || fail "ten errors: exit $rc, want 1"
for want in \
    "check_ten_errors.xml:5:5: error: symbol 'APLC/MSP.21/2024/22' names MSP.21 but the meeting is 22MSP (MSP.22)" \
    "check_ten_errors.xml:5:5: error: symbol 'APLC/MSP.21/2024/22' has year 2024 but meeting 22MSP is in 2025" \
    "check_ten_errors.xml:6:5: error: '2025-02-30' in <date> is not a date: 2025-02 has no day 30" \
    "check_ten_errors.xml:9:5: error: agenda item 9 of meeting 22MSP has no sub-item (q)" \
    "check_ten_errors.xml:11:5: error: unknown committee 'mine-clearance'" \
    "check_ten_errors.xml:12:5: error: invalid previous symbol 'APLC/MSP.22/2025/L2'" \
    "check_ten_errors.xml:17:44: error: Article 23 does not exist" \
    "check_ten_errors.xml:17:66: error: Action 49 does not exist" \
    "check_ten_errors.xml:18:7: error: duplicate id 'p-one'" \
    "check_ten_errors.xml:18:42: error: <ref to=\"p-three\"> points at no paragraph" ; do
    grep -qF -- "$want" err.txt || { cat err.txt >&2; fail "missing: $want"; }
done

# the chairs a paper names in <committee>: every wrong <chair> reported in one run, each at its place
sed 's|<committee ref="cooperation-assistance" year="2025"/>|<committee ref="cooperation-assistance" year="2025">\
      <chair state="DZ"/>\
      <chair state="DK"/>\
      <chair state="DK"/>\
    </committee>|' "$D/valid.xml" >chairs.xml
set +e
"$MSPDOC" check chairs.xml >/dev/null 2>err4.txt; rc=$?
set -e
[ $rc -eq 1 ] || { cat err4.txt >&2; fail "chairs: exit $rc, want 1"; }
[ "$(grep -c ': error: ' err4.txt)" -eq 3 ] || { cat err4.txt >&2; fail "chairs: want 3 errors"; }
for want in \
    "chairs.xml:12:7: error: chair DZ (Algeria) is not a member of committee 'cooperation-assistance' in 2025" \
    "  hint: members in 2025 (data/committees.xml): CM (Cameroon), DK (Denmark), CH (Switzerland), TR (Türkiye)" \
    "chairs.xml:14:7: error: more than two chairs named for committee 'cooperation-assistance'" \
    "chairs.xml:14:7: error: DK (Denmark) is named chair twice" ; do
    grep -qF -- "$want" err4.txt || { cat err4.txt >&2; fail "missing: $want"; }
done

set +e
"$MSPDOC" check "$D/load_malformed.xml" 2>err2.txt; rc=$?
set -e
[ $rc -eq 1 ] || fail "malformed: exit $rc"
grep -qF "load_malformed.xml:4:15: error: xmlParseEntityRef: no name" err2.txt || { cat err2.txt >&2; fail "malformed location"; }

set +e
"$MSPDOC" check "$D/load_doctype.xml" 2>err3.txt; rc=$?
set -e
[ $rc -eq 1 ] || fail "doctype: exit $rc"
grep -qF "load_doctype.xml:2:1: error: DOCTYPE declarations are not allowed in sources" err3.txt || fail "doctype message"

set +e
"$MSPDOC" check >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 2 ] || fail "no argument: exit $rc, want 2"
[ ! -e out ] || fail "check wrote out/"
echo OK
