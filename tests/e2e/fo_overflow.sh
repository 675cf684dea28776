#!/usr/bin/env bash
# fo:block-container overflow read from the FO file (not only from built
# trees): visible draws past the bottom with a warning, hidden clips and
# says so, error-if-overflow fails at the container.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP" && mkdir -p "$MSP_TMP" && cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
fo() {   # fo OVERFLOW-ATTRIBUTE
    cat <<FO
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" language="en"><fo:layout-master-set>
<fo:simple-page-master master-name="p" page-width="300pt" page-height="300pt"><fo:region-body margin="20pt"/>
</fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
<fo:block-container height="30pt" $1><fo:block line-height="12pt">In 1</fo:block><fo:block line-height="12pt">In 2</fo:block>
<fo:block line-height="12pt">In 3</fo:block></fo:block-container></fo:flow></fo:page-sequence></fo:root>
FO
}
fo 'overflow="hidden"' > hidden.fo
"$MSPDOC" render hidden.fo -o hidden.pdf --area-tree hidden.xml 2> hidden.err
[ "$(grep -c '>In [0-9]</line>' hidden.xml)" -eq 2 ] || fail "overflow=hidden did not clip the third line"
grep -q "is not supported by mspdoc" hidden.err && fail "overflow is still called unsupported"
grep -q 'overflow="hidden" clips it, 1 lines or boxes below its bottom edge are not drawn\|clips it' hidden.err ||
    fail "no warning that content is clipped: $(cat hidden.err)"
fo '' > visible.fo
"$MSPDOC" render visible.fo -o visible.pdf --area-tree visible.xml 2> visible.err
[ "$(grep -c '>In [0-9]</line>' visible.xml)" -eq 3 ] || fail "visible overflow lost a line"
grep -q "drawn past the container's bottom edge" visible.err || fail "no warning for visible overflow"
fo 'overflow="error-if-overflow"' > error.fo
set +e
"$MSPDOC" render error.fo -o error.pdf 2> error.err; rc=$?
set -e
[ $rc -eq 1 ] || fail "error-if-overflow: exit $rc, expected 1"
grep -Eq '^error.fo:4:[0-9]+: error: .*overflow="error-if-overflow"' error.err || fail "error not located: $(cat error.err)"
[ ! -e error.pdf ] || fail "a PDF was written for error-if-overflow"
echo "ok: overflow read from FO"
