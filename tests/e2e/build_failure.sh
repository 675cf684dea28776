#!/bin/bash
# A failing build leaves nothing behind: no PDF, no area tree, exit 1; the
# messages carry file:line:column. `mspdoc fo` prints FO for a valid source.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$MSP_ROOT/tests/data/source"

set +e
"$MSPDOC" build "$D/check_unknown_article.xml" -o bad.pdf --area-tree bad.tree 2>err.txt; rc=$?
set -e
[ $rc -eq 1 ] || fail "exit $rc, want 1"
grep -qF "check_unknown_article.xml:17:44: error: Article 23 does not exist" err.txt || { cat err.txt >&2; fail "message"; }
[ ! -e bad.pdf ] || fail "partial PDF left"
[ ! -e bad.tree ] || fail "area tree left"
[ -z "$(ls -A)" ] || [ "$(ls -A)" = "err.txt" ] || fail "leftover files: $(ls -A)"

"$MSPDOC" fo "$D/valid.xml" > valid.fo || fail "fo"
grep -q 'http://www.w3.org/1999/XSL/Format' valid.fo || fail "fo output is not XSL-FO"
"$MSPDOC" fo "$D/valid.xml" -o valid2.fo || fail "fo -o"
cmp -s valid.fo valid2.fo || fail "fo -o differs from stdout"

set +e
"$MSPDOC" build >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 2 ] || fail "usage: exit $rc, want 2"
echo OK
