#!/usr/bin/env bash
# The schema for the Meeting's real papers, end to end (tests/data/papers/ok-en-compliance.xml,
# modelled on seed paper 001): an advance copy with no symbol builds without a DRAFT marking and
# with an empty symbol row; "Submitted by" names its committee; the sub-item title is regular
# weight; a line break in the title; Article paragraph references in English, French and Spanish;
# numbering continued from a given number; <sup> and <sub> raised and lowered.
set -euo pipefail
# under LeakSanitizer (.ci/run) its suppression list must not count as a message
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
src="$MSP_ROOT/tests/data/papers/ok-en-compliance.xml"
xp() { xmllint --xpath "$2" "$1" 2>/dev/null || true; }
NB=$(printf '\302\240')

"$MSPDOC" build "$src" -o "$MSP_TMP/cc.pdf" --area-tree "$MSP_TMP/cc.tree" > /dev/null 2> "$MSP_TMP/err" \
    || { cat "$MSP_TMP/err" >&2; fail "the advance copy without a symbol did not build"; }
[ -s "$MSP_TMP/err" ] && { cat "$MSP_TMP/err" >&2; fail "messages from a valid paper"; }
t="$MSP_TMP/cc.tree"
[ "$(xp "$t" 'count(//line[contains(., "DRAFT")])')" = 0 ] || fail "an advance copy is marked DRAFT"
[ "$(xp "$t" 'string(//page[1]/line[@zone="before"][1])')" = "Advance copy" ] || fail "no Advance copy label"
[ "$(xp "$t" "normalize-space(translate(//page[1]/line[@zone='before'][2], '$NB', ' '))")" = "" ] || fail "the symbol row is not empty"
[ "$(xp "$t" 'count(//page[1]/line[@zone="after"])')" = 0 ] || fail "an advance copy has a job-number footer"
has() { [ "$(xp "$t" "count(//line[.='$1'])")" -ge 1 ] || fail "no line '$1'"; }
has "Submitted by Belgium, Cambodia, Germany, Japan (Chair), Peru"
has "Conclusions and recommendations"
has "of the Committee on Cooperative Compliance"
has "Preventing and suppressing prohibited activities and facilitating compliance:"
line=$(xp "$t" 'string(//line[starts-with(., "12.")])')
case "$line" in "12.The Committee recalled Article${NB}8.1 and paragraph${NB}2 of Article${NB}1 of the Convention,"*) ;;
    *) fail "paragraph 12 reads '$line'";; esac
xp "$t" 'string(//line[starts-with(., "13.")])' | grep -q "It will report" || fail "no paragraph 13"
[ "$(xp "$t" 'string(//line[contains(., "plots")]/@raised)')" = "2|2" ] || fail "m² and H₂O are not set off the baseline"

# the weights of the two subject lines, in the FO
"$MSPDOC" fo "$src" -o "$MSP_TMP/cc.fo" 2>/dev/null || fail "mspdoc fo failed"
w=$(xp "$MSP_TMP/cc.fo" "string(//*[local-name()='block'][starts-with(., 'Preventing')]/@font-weight)")
[ "$w" = normal ] || fail "the sub-item title's weight is '$w', want normal"
w=$(xp "$MSP_TMP/cc.fo" "string(//*[local-name()='block'][starts-with(., 'Conclusions and recommendations related')]/@font-weight)")
[ "$w" = bold ] || fail "the subject's weight is '$w', want bold"

# Article paragraphs per language (the same source in French and Spanish)
for l in fr es; do
    sed -e "s/xml:lang=\"en\"/xml:lang=\"$l\"/" "$src" > "$MSP_TMP/cc-$l.xml"
    "$MSPDOC" fo "$MSP_TMP/cc-$l.xml" -o "$MSP_TMP/cc-$l.fo" 2>/dev/null || fail "mspdoc fo ($l) failed"
done
grep -q "article${NB}8.1 and paragraphe${NB}2 de l’article${NB}1" "$MSP_TMP/cc-fr.fo" || fail "French Article paragraphs"
grep -q "artículo${NB}8.1 and párrafo${NB}2 del artículo${NB}1" "$MSP_TMP/cc-es.fo" || fail "Spanish Article paragraphs"
grep -q "Présenté par l’Allemagne, la Belgique, le Cambodge, le Japon (Président) et le Pérou" "$MSP_TMP/cc-fr.fo" \
    || fail "French submitted-by"
echo "ok: the real papers' schema"
