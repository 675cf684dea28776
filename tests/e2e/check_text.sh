#!/usr/bin/env bash
# The text accounting of `mspdoc render` (on by default; --check-text,
# --no-check-text, MSPDOC_CHECK_TEXT=0): text the layout loses is an error at
# its FO place and no PDF is written; block-level FOs nested in
# inlines, fo:character linefeeds, C1 controls and page numbers in the flow
# and in footnotes reach the area tree (tests/data/layout/inline_blocks.fo);
# and every FO the test suite has (tests/data, tests/bad, the fuzz seeds, the
# sample papers' FO from `mspdoc fo`) that renders, renders with the check.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
xp() { xmllint --xpath "$2" "$1" 2>/dev/null || true; }

lost="$MSP_ROOT/tests/data/layout/check_text_lost.fo"
# MSPDOC_CHECK_TEXT_SELFTEST=1 drops the first line layout places (a fault injected on purpose: no
# real input loses text any more); the accounting must catch it
export MSPDOC_CHECK_TEXT_SELFTEST=1
want="^$lost:14:7: error: internal error: a paragraph of 1 line was laid out but never placed on a page: 'Contents'\$"

# --- a loss is an error with its location; nothing is written
if "$MSPDOC" render "$lost" -o lost.pdf --area-tree lost.tree --check-text 2>lost.err; then
    fail "--check-text passed a document that loses text"
fi
grep -qE "$want" lost.err || fail "message: $(cat lost.err)"
grep -q "^  hint: mspdoc lost this text while laying out the FO" lost.err || fail "no hint: $(cat lost.err)"
[ ! -e lost.pdf ] && [ ! -e lost.tree ] || fail "a PDF or area tree was left behind"
[ -z "$(ls -A | grep -v '^lost\.err$' || true)" ] || fail "files left: $(ls -A)"

# on by default; MSPDOC_CHECK_TEXT=0 or --no-check-text turn it off, --check-text on again
env -u MSPDOC_CHECK_TEXT "$MSPDOC" render "$lost" -o dflt.pdf 2>dflt.err && fail "the check is not on by default"
grep -qE "$want" dflt.err || fail "default message: $(cat dflt.err)"
MSPDOC_CHECK_TEXT=0 "$MSPDOC" render "$lost" -o off.pdf 2>off.err || fail "MSPDOC_CHECK_TEXT=0 still checks"
[ -s off.pdf ] || fail "no PDF without the check"
"$MSPDOC" render "$lost" -o off2.pdf --no-check-text 2>off2.err || fail "--no-check-text still checks"
MSPDOC_CHECK_TEXT=0 "$MSPDOC" render "$lost" -o on.pdf --check-text 2>on.err && fail "--check-text did not check"
grep -qE "$want" on.err || fail "--check-text message: $(cat on.err)"
"$MSPDOC" render --help | grep -q -- "--no-check-text" || fail "--no-check-text not in --help"

unset MSPDOC_CHECK_TEXT_SELFTEST
# without the fault, the same FO renders, its region-start's text in the start zone
"$MSPDOC" render "$lost" -o side.pdf --area-tree side.tree --check-text 2>side.err || fail "side regions: $(cat side.err)"
[ "$(xp side.tree 'count(//line[@zone="start"][. = "Side"])')" = 1 ] || fail "region-start text: $(xp side.tree '//line')"

# --- what used to be lost reaches the area tree
ib="$MSP_ROOT/tests/data/layout/inline_blocks.fo"
"$MSPDOC" render "$ib" -o ib.pdf --area-tree ib.tree --check-text 2>ib.err || { cat ib.err; fail "inline_blocks.fo failed"; }
lines=$(xp ib.tree '//line' | sed -e 's/<[^>]*>/\n/g' | grep -v '^$' | paste -sd '|' -)
[ "$lines" = "Before bold start|nested block text|bold end after.|in a cell|See the|linked block|site.|one two, xy|Page 1*|Note on page 1" ] \
    || fail "lines: $lines"
[ "$(xp ib.tree 'count(//link[@uri="https://example.org/"])')" = 3 ] || fail "link rectangles: $(xp ib.tree 'count(//link)')"
grep -qE "^$ib:18:53: warning: control character U\\+0085 in the text is dropped" ib.err \
    || fail "C1 warning: $(cat ib.err)"
pdftotext ib.pdf - | grep -q "nested block text" || fail "the nested block is not in the PDF"

# --- every FO of the suite that renders also renders with the check
n=0
check_fo() {  # FO [DIR]: render in DIR (relative images), plain then checked
    local fo=$1 dir=${2:-$(dirname "$1")} base
    base=$(basename "$fo" .fo)
    (cd "$dir" && timeout 60 "$MSPDOC" render "$fo" -o "$MSP_TMP/plain.pdf" --no-check-text) >/dev/null 2>&1 || return 0
    n=$((n + 1))
    if ! (cd "$dir" && timeout 60 "$MSPDOC" render "$fo" -o "$MSP_TMP/checked.pdf" --check-text) >/dev/null 2>"$MSP_TMP/$base.err"; then
        fail "$fo renders but fails --check-text: $(grep -m 3 'error' "$MSP_TMP/$base.err")"
    fi
}
for fo in "$MSP_ROOT"/tests/data/fo/*.fo "$MSP_ROOT"/tests/data/layout/*.fo "$MSP_ROOT"/tests/bad/*.fo \
          "$MSP_ROOT"/tests/fuzz/corpus/fo/*; do
    [ "$fo" = "$lost" ] && continue
    check_fo "$fo"
done
for src in "$MSP_ROOT"/data/papers/*.xml "$MSP_ROOT"/tests/data/papers/ok-*.xml; do
    fo="$MSP_TMP/$(basename "$src" .xml).fo"
    "$MSPDOC" fo "$src" -o "$fo" 2>/dev/null || continue
    check_fo "$fo" "$MSP_TMP"
done
[ "$n" -ge 12 ] || fail "only $n FO files rendered"

if [ "$fails" -gt 0 ]; then
    echo "check_text: $fails failure(s)" >&2
    exit 1
fi
echo "check_text: ok ($n FO files rendered with --check-text)"
