#!/usr/bin/env bash
# The layout report of `render` and `build`: tests/data/layout/report.fo has
# an overfull line (a no-wrap word wider than its block) on page iii and a
# loose one (a justified line with one short word before a long one) on page
# iv. Checks the one-line summary on stderr, the --layout-report file (counts,
# page, number, kind, ratio, file:line:column, text), the area tree's adjust,
# hyphen and fit attributes, that nothing is printed for a document without
# such lines, that the file is never written through a planted link and is
# all or nothing with the PDF, and that `build` reports the same counts in
# its summary, its file and its area tree.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
xp() { xmllint --xpath "$2" "$1" 2>/dev/null || true; }
# row REPORT KIND: the first entry row of that kind, tab-separated
row() { awk -F'\t' -v k="$2" '!/^#/ && NR > 1 && $4 == k { print; exit }' "$1"; }
count() { awk -F'\t' -v k="# $2" '$1 == k { print $2 }' "$1"; }

fo="$MSP_ROOT/tests/data/layout/report.fo"

# --- render: summary line, report file, area tree
"$MSPDOC" render "$fo" -o r.pdf --area-tree r.tree --layout-report r.tsv 2>r.err || { cat r.err; fail "render failed"; }
hy=$(xp r.tree 'count(//line[@hyphen="1"])')
[ "${hy:-0}" -ge 1 ] || fail "the hyphenated paragraph has no hyphenated line end in the area tree"
summary="$fo: layout: 2 lines beyond tolerance (1 loose, 1 overfull), $hy hyphenated line end$([ "$hy" = 1 ] || echo s); see r.tsv"
[ "$(grep -c ': layout: ' r.err)" = 1 ] || fail "expected one summary line, stderr: $(cat r.err)"
grep -qxF -- "$summary" r.err || fail "summary line: got '$(grep ': layout: ' r.err)', want '$summary'"

[ "$(head -n 1 r.tsv)" = "# mspdoc layout report 1" ] || fail "report's first line: $(head -n 1 r.tsv)"
[ "$(count r.tsv document)" = "$fo" ] || fail "document: $(count r.tsv document)"
[ "$(count r.tsv pages)" = 2 ] || fail "pages: $(count r.tsv pages)"
[ "$(count r.tsv lines)" = "$(xp r.tree 'count(//line)')" ] || fail "lines: $(count r.tsv lines)"
[ "$(count r.tsv beyond-tolerance)" = 2 ] || fail "beyond-tolerance: $(count r.tsv beyond-tolerance)"
[ "$(count r.tsv loose)" = 1 ] || fail "loose: $(count r.tsv loose)"
[ "$(count r.tsv overfull)" = 1 ] || fail "overfull: $(count r.tsv overfull)"
[ "$(count r.tsv hyphenated)" = "$hy" ] || fail "hyphenated: $(count r.tsv hyphenated), tree has $hy"
[ "$(grep -v '^#' r.tsv | head -n 1)" = "$(printf 'page\tnumber\tzone\tkind\tadjust\tlocation\ttext')" ] \
    || fail "header row: $(grep -v '^#' r.tsv | head -n 1)"
[ "$(grep -vc '^#' r.tsv)" = $((1 + 2 + hy)) ] || fail "expected $((2 + hy)) entry rows: $(cat r.tsv)"

over=$(row r.tsv overfull)
[ "$over" = "$(printf '1\tiii\tbody\toverfull\t0.00\t%s:16:7\tPneumonoultramicroscopicsilicovolcanoconiosis' "$fo")" ] \
    || fail "overfull row: '$over'"
loose=$(row r.tsv loose)
IFS=$'\t' read -r page number zone kind adjust loc text <<<"$loose"
[ "$page/$number/$zone" = "2/iv/body" ] || fail "loose row page/number/zone: $page/$number/$zone"
awk -v a="$adjust" 'BEGIN { exit !(a > 1) }' || fail "loose row adjust $adjust, want > 1"
[ "$loc" = "$fo:20:7" ] || fail "loose row location: $loc"
[ "$text" = "An incomprehensibilities" ] || fail "loose row text: $text"
hrow=$(row r.tsv hyphen)
IFS=$'\t' read -r page number zone kind adjust loc text <<<"$hrow"
[ "$page/$number/$loc" = "1/iii/$fo:17:7" ] || fail "hyphen row: '$hrow'"
case "$text" in *‐|*-) ;; *) fail "hyphen row text does not end in a hyphen: '$text'";; esac

# the area tree says the same, and writes no attribute for a line at rest
[ "$(xp r.tree 'count(//page[1]/line[@fit="overfull"])')" = 1 ] || fail "tree: overfull line on page 1"
[ "$(xp r.tree 'count(//page[2]/line[@fit="loose"][@adjust > 1])')" = 1 ] || fail "tree: loose line on page 2"
[ "$(xp r.tree 'count(//line[@fit])')" = 2 ] || fail "tree: $(xp r.tree 'count(//line[@fit])') lines with fit"
[ "$(xp r.tree 'count(//line[@adjust="0.00" or @adjust="-0.00" or @fit="ok" or @hyphen="0"])')" = 0 ] \
    || fail "tree: a default value written"
[ "$(xp r.tree 'string(//page[1]/line[starts-with(., "A first")]/@adjust)')" = "" ] || fail "tree: ragged line has adjust"

# without --layout-report the line names the option
"$MSPDOC" render "$fo" -o r2.pdf 2>r2.err || fail "render without report failed"
grep -qxF -- "${summary%; see r.tsv}; see --layout-report" r2.err || fail "summary without the option: $(grep ': layout: ' r2.err)"

# nothing beyond tolerance: no summary line, a report with no entry
sed -e '/end-indent="200pt"/d' -e '/break-before="page"/,+1d' "$fo" > calm.fo
"$MSPDOC" render calm.fo -o calm.pdf --layout-report calm.tsv 2>calm.err || fail "calm render failed"
grep -q ': layout: ' calm.err && fail "summary printed with nothing beyond tolerance: $(cat calm.err)"
[ "$(count calm.tsv beyond-tolerance)" = 0 ] || fail "calm: beyond-tolerance $(count calm.tsv beyond-tolerance)"
[ "$(grep -v '^#' calm.tsv | awk -F'\t' '$4 != "hyphen"' | wc -l)" = 1 ] || fail "calm: rows other than hyphens: $(cat calm.tsv)"

# the file is made through a temporary sibling: links planted at its name are replaced, never followed
echo "victim: must not change" > victim
ln -s "$MSP_TMP/victim" l.tsv
ln -s "$MSP_TMP/victim" .l.tsv.tmp
"$MSPDOC" render "$fo" -o l.pdf --layout-report l.tsv 2>l.err || fail "render over a planted link failed"
[ "$(cat victim)" = "victim: must not change" ] || fail "a planted link was followed"
[ -f l.tsv ] && [ ! -L l.tsv ] || fail "l.tsv is not a new regular file"
# an unwritable report: exit 1, a located error, no PDF and no report left
if "$MSPDOC" render "$fo" -o gone.pdf --layout-report nowhere/r.tsv 2>gone.err; then fail "a report into a missing folder succeeded"; fi
grep -q "nowhere/r.tsv: error: " gone.err || fail "no error naming the report: $(cat gone.err)"
[ ! -e gone.pdf ] || fail "a PDF was left when the report could not be written"
grep -q ': layout: ' gone.err && fail "summary printed for a failed render"

# --- build: the summary, the file and the area tree agree
src="$MSP_ROOT/data/papers/002-coop-assistance-statement.xml"
"$MSPDOC" build "$src" -o b.pdf --area-tree b.tree --layout-report b.tsv >b.out 2>b.err || { cat b.err; fail "build failed"; }
loose=$(xp b.tree 'count(//line[@fit="loose"])'); over=$(xp b.tree 'count(//line[@fit="overfull"])')
hy=$(xp b.tree 'count(//line[@hyphen="1"])')
[ "$(count b.tsv loose)/$(count b.tsv overfull)/$(count b.tsv hyphenated)" = "$loose/$over/$hy" ] \
    || fail "build: report counts $(count b.tsv loose)/$(count b.tsv overfull)/$(count b.tsv hyphenated), tree $loose/$over/$hy"
[ "$(count b.tsv document)" = "$src" ] || fail "build: document $(count b.tsv document)"
if [ $((loose + over)) -gt 0 ]; then
    grep -qE "^$src: layout: $((loose + over)) lines? beyond tolerance \($loose loose, $over overfull\), $hy hyphenated line ends?; see b.tsv$" b.err \
        || fail "build summary: $(grep ': layout: ' b.err || echo none)"
else
    grep -q ': layout: ' b.err && fail "build: summary with nothing beyond tolerance"
fi
grep -q "^b.pdf: " b.out || fail "build: stdout line missing"
# every entry row's location is in the FO the stylesheet made
awk -F'\t' -v s="$src (FO):" '!/^#/ && $1 != "page" && index($6, s) != 1 { bad = 1 } END { exit bad }' b.tsv \
    || fail "build: an entry without its FO location"
# a failed build leaves no report
if "$MSPDOC" build "$MSP_ROOT/tests/data/source/check_unknown_article.xml" -o bad.pdf --layout-report bad.tsv 2>/dev/null; then
    fail "a bad source built"
fi
[ ! -e bad.tsv ] || fail "a layout report was left for a failed build"

[ "$fails" -eq 0 ] || { echo "$fails layout report checks failed"; exit 1; }
echo "ok: layout report (render and build)"
