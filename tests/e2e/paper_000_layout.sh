#!/usr/bin/env bash
# The sample report (reference 000) built end to end, its layout asserted on
# the area tree against FORMAT.md's numbers (within 1 pt): masthead on page 1,
# asterisk notes at its foot in order, numbered note 1 on the page of
# paragraph 7, running headers and footers on even and odd pages.
set -euo pipefail
root=${MSP_ROOT:?}; bin=${MSPDOC:?}; tmp=${MSP_TMP:?}
rm -rf "$tmp"; mkdir -p "$tmp"
t="$tmp/000.tree"
"$bin" build "$root/data/papers/000-coop-assistance-report.xml" -o "$tmp/000.pdf" --area-tree "$t" 2>"$tmp/err" \
    || { cat "$tmp/err"; echo "FAIL: build"; exit 1; }
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
xp() { xmllint --xpath "$1" "$t" 2>/dev/null || true; }
near() { # NAME GOT WANT
    awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (g == "" || d > 1 || d < -1) exit 1 }' || fail "$1: got '${2}', want $3 (±1 pt)"
}
eq() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }

eq "pages" "$(xp 'count(//page)')" 3
eq "page 1 master" "$(xp 'string(//page[1]/@master)')" first
eq "page 2 master" "$(xp 'string(//page[2]/@master)')" even
eq "page 3 master" "$(xp 'string(//page[3]/@master)')" odd

# symbol row: right-aligned at 538.58, baseline ~68; 0.5 pt rule at ~75
sym='//page[1]/line[@zone="before"][1]'
eq "symbol text" "$(xp "string($sym)")" "APLC/MSP.22/2025/22*"
near "symbol right edge" "$(xp "$sym/@x + $sym/@w")" 538.58
near "symbol baseline" "$(xp "string($sym/@y)")" 68
near "symbol rule y" "$(xp 'string(//page[1]/rule[@zone="before"][@thickness="0.50"][1]/@y)')" 75
# masthead: body name at x 56.69, date and original at x 396.85, thick rule 2.25 pt
near "body name x" "$(xp 'string(//page[1]/line[starts-with(.,"Meeting of the States Parties")]/@x)')" 56.69
NB=$(printf '\302\240')   # no-break space: the typography pass keeps day and month together
near "date x" "$(xp "string(//page[1]/line[.='8${NB}October 2025']/@x)")" 396.85
near "original x" "$(xp 'string(//page[1]/line[.="Original: English"]/@x)')" 396.85
eq "thick rule" "$(xp 'count(//page[1]/rule[@thickness="2.25"][@x="56.69"])')" 1
near "meeting x" "$(xp 'string(//page[1]/line[.="Twenty-Second Meeting"]/@x)')" 56.69
# title (HCh) and committee line (H1) in the text column
near "title x" "$(xp 'string(//page[1]/line[starts-with(.,"Report on activities")]/@x)')" 113.39
near "committee x" "$(xp 'string(//page[1]/line[starts-with(.,"Committee on the enhancement")]/@x)')" 113.39
# chapter number right-aligned at 99.21, paragraph number at 113.39
near "chapter number right" "$(xp '//page[1]/line[.="I."]/@x + //page[1]/line[.="I."]/@w')" 99.21
near "paragraph 1 x" "$(xp 'string(//page[1]/line[starts-with(.,"1.")]/@x)')" 113.39
# justified body lines fill the 130 mm column
near "justified width" "$(xp 'string(//page[1]/line[starts-with(.,"2.")]/@w)')" 368.50
# the two asterisk notes at the foot of page 1, in order, markers ending at 107.72
case "$(xp 'string(//page[1]/line[@zone="footnotes"][@footnote="0"][1])')" in
    "Reissued for technical reasons on 2${NB}December 2025"*) ;; *) fail "first page-1 note is not the reissue note";; esac
case "$(xp 'string(//page[1]/line[@zone="footnotes"][@footnote="1"][1])')" in
    "The present document was submitted after the deadline"*) ;; *) fail "second page-1 note is not the late note";; esac
near "* marker right" "$(xp '//page[1]/line[@zone="footnotes"][.="*"]/@x + //page[1]/line[@zone="footnotes"][.="*"]/@w')" 107.72
near "note text x" "$(xp 'string(//page[1]/line[@zone="footnotes"][1]/@x)')" 113.39
near "separator from" "$(xp 'string(//page[1]/rule[@zone="separator"]/@x)')" 90.71
near "separator to" "$(xp 'string(//page[1]/rule[@zone="separator"]/@x2)')" 164.41
# numbered note 1 on the page of paragraph 7
p7=$(xp 'count(//page[line[@zone="body"][starts-with(.,"7.")]]/preceding-sibling::page) + 1')
n1=$(xp 'count(//page[line[@zone="footnotes"][.="1"]]/preceding-sibling::page) + 1')
eq "note 1 on the page of paragraph 7" "$n1" "$p7"
case "$(xp "string(//page[$p7]/line[@zone='footnotes'][1])")" in
    "https://www.apminebanconvention.org/en/meetings/"*) ;; *) fail "note 1 text";; esac
# running header (no star): even left at 56.69, odd right at 538.58, baseline ~66.6, rule at 70.87
eq "header text" "$(xp 'string(//page[2]/line[@zone="before"])')" "APLC/MSP.22/2025/22"
near "even header x" "$(xp 'string(//page[2]/line[@zone="before"]/@x)')" 56.69
near "odd header right" "$(xp '//page[3]/line[@zone="before"]/@x + //page[3]/line[@zone="before"]/@w')" 538.58
near "header baseline" "$(xp 'string(//page[2]/line[@zone="before"]/@y)')" 66.6
near "header rule" "$(xp 'string(//page[2]/rule[@zone="before"]/@y)')" 70.87
# footer page numbers: even left, odd right, baseline ~765; none on page 1
eq "page 1 has no number" "$(xp 'count(//page[1]/line[@zone="after"][.="1"])')" 0
eq "even footer" "$(xp 'string(//page[2]/line[@zone="after"])')" 2
near "even footer x" "$(xp 'string(//page[2]/line[@zone="after"]/@x)')" 56.69
near "odd footer right" "$(xp '//page[3]/line[@zone="after"]/@x + //page[3]/line[@zone="after"]/@w')" 538.58
near "footer baseline" "$(xp 'string(//page[2]/line[@zone="after"]/@y)')" 765.35
# body on pages >= 2 starts at 30 mm
near "page 2 body top" "$(xp 'string(//page[2]/region[@name="body"]/@y)')" 85.04
[ "$fails" -eq 0 ] || { echo "$fails layout checks failed"; exit 1; }
echo "ok: 000 layout matches FORMAT.md"
