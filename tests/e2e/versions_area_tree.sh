#!/usr/bin/env bash
# Reissue, revision, addendum and corrigendum of the sample report, each
# built end to end and checked on the area tree: the masthead symbol, the
# running header, the H1 line that names the version, and the asterisk note.
set -euo pipefail
root=${MSP_ROOT:?}; bin=${MSPDOC:?}; tmp=${MSP_TMP:?}
rm -rf "$tmp"; mkdir -p "$tmp"
base="$root/data/papers/000-coop-assistance-report.xml"
fail() { echo "FAIL: $*" >&2; exit 1; }
# xp TREE XPATH -> the string value
xp() { xmllint --xpath "$2" "$1" 2>/dev/null || true; }
# a copy of the sample with its symbol changed and its reissue lines removed
variant() { # NAME SYMBOL
    sed -e "s|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>$2</symbol>|" -e '/<reissue /d' "$base" > "$tmp/$1.xml"
}
build() { # NAME
    "$bin" build "$tmp/$1.xml" -o "$tmp/$1.pdf" --area-tree "$tmp/$1.tree" 2> "$tmp/$1.err" \
        || { cat "$tmp/$1.err"; fail "$1 did not build"; }
}
first_symbol() { xp "$1" 'string(//page[1]/line[@zone="before"][1])'; }
header2() { xp "$1" 'string(//page[2]/line[@zone="before"][1])'; }
has_body_line() { [ "$(xp "$1" "count(//page[1]/line[@zone=\"body\"][normalize-space(.)=\"$2\"])")" -ge 1 ]; }

# reissue: made with `mspdoc reissue` on a copy without the reissue, then built
variant reissue APLC/MSP.22/2025/22
"$bin" reissue "$tmp/reissue.xml" --date 2025-12-02 --previous-symbol APLC/MSP.22/2025/22 \
    || fail "mspdoc reissue failed"
build reissue
[ "$(first_symbol "$tmp/reissue.tree")" = "APLC/MSP.22/2025/22*" ] || fail "reissue: masthead symbol is '$(first_symbol "$tmp/reissue.tree")'"
[ "$(header2 "$tmp/reissue.tree")" = "APLC/MSP.22/2025/22" ] || fail "reissue: running header keeps the star"
note=$(xp "$tmp/reissue.tree" 'string(//page[1]/line[@zone="footnotes" and @footnote="0"][1])')
NB=$(printf '\302\240')   # no-break space between day and month (typography pass)
case "$note" in "Reissued for technical reasons on 2${NB}December 2025; previously issued under the symbol"*) ;;
    *) fail "reissue: first asterisk note reads '$note'";; esac

# revision: a new paper under its own symbol, no version line
variant revision APLC/MSP.22/2025/22/Rev.1
build revision
[ "$(first_symbol "$tmp/revision.tree")" = "APLC/MSP.22/2025/22/Rev.1" ] || fail "revision: masthead symbol"
[ "$(header2 "$tmp/revision.tree")" = "APLC/MSP.22/2025/22/Rev.1" ] || fail "revision: running header"
has_body_line "$tmp/revision.tree" Addendum && fail "revision: has an Addendum line"
has_body_line "$tmp/revision.tree" Corrigendum && fail "revision: has a Corrigendum line"

# addendum and corrigendum: an H1 line naming the version, 12 pt bold in the text column
for kind in Addendum:Add.1 Corrigendum:Corr.1; do
    word=${kind%%:*}; suffix=${kind#*:}; name=$(echo "$word" | tr A-Z a-z)
    variant "$name" "APLC/MSP.22/2025/22/$suffix"
    build "$name"
    [ "$(first_symbol "$tmp/$name.tree")" = "APLC/MSP.22/2025/22/$suffix" ] || fail "$name: masthead symbol"
    has_body_line "$tmp/$name.tree" "$word" || fail "$name: no '$word' line on page 1"
    x=$(xp "$tmp/$name.tree" "string(//page[1]/line[@zone=\"body\"][normalize-space(.)=\"$word\"]/@x)")
    [ "$x" = "113.39" ] || [ "$x" = "113.38" ] || fail "$name: '$word' line at x=$x, expected 113.39"
done
# a symbol that does not follow the grammar is refused with its place
variant bad "APLC/MSP.22/2025/22/Foo.1"
if "$bin" build "$tmp/bad.xml" -o "$tmp/bad.pdf" 2> "$tmp/bad.err"; then fail "a bad suffix built"; fi
grep -Eq "bad.xml:[0-9]+:[0-9]+: error: .*symbol" "$tmp/bad.err" || { cat "$tmp/bad.err"; fail "bad suffix message"; }
[ ! -e "$tmp/bad.pdf" ] || fail "a PDF was left for a failed build"
echo "ok: reissue, revision, addendum, corrigendum"
