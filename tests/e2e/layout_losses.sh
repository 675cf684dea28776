#!/usr/bin/env bash
# No silent loss, end to end: `mspdoc render` (text accounting on, the
# default) of an FO where content used to vanish or print wrong with no
# message. Checks that it succeeds; that citations of ids on inlines, links,
# empty elements, the root, the page-sequence, table parts and boxes inside a
# fixed-height container print their pages (never "00") and that links to
# them reach a named destination in the PDF; that markers in a table cell and
# an inline reach the header; that break-before on a table row and on a block
# inside a cell make pages; that a narrower next page gets lines broken for
# it; and that an overflowing container and an inline background are warned
# about at their file:line:column.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
xp() { xmllint --xpath "$2" "$1" 2>/dev/null || true; }

cat >losses.fo <<'EOF'
<?xml version="1.0"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" id="root" font-family="Liberation Serif" font-size="10pt" line-height="12pt">
<fo:layout-master-set>
<fo:simple-page-master master-name="wide" page-width="400pt" page-height="300pt" margin="20pt">
<fo:region-body margin-top="20pt" background-color="#F0F0F0"/><fo:region-before extent="15pt"/></fo:simple-page-master>
<fo:simple-page-master master-name="narrow" page-width="250pt" page-height="300pt" margin="20pt">
<fo:region-body margin-top="20pt"/><fo:region-before extent="15pt"/></fo:simple-page-master>
<fo:page-sequence-master master-name="pages"><fo:repeatable-page-master-reference master-reference="wide" maximum-repeats="3"/>
<fo:repeatable-page-master-reference master-reference="narrow"/></fo:page-sequence-master>
</fo:layout-master-set>
<fo:page-sequence master-reference="pages" id="seq">
<fo:static-content flow-name="xsl-region-before"><fo:block><fo:retrieve-marker retrieve-class-name="m"/></fo:block></fo:static-content>
<fo:flow flow-name="xsl-region-body">
<fo:block>inl <fo:page-number-citation ref-id="inl"/></fo:block>
<fo:block>root <fo:page-number-citation ref-id="root"/>-<fo:page-number-citation-last ref-id="root"/></fo:block>
<fo:block>seq <fo:page-number-citation ref-id="seq"/>-<fo:page-number-citation-last ref-id="seq"/></fo:block>
<fo:block>tr <fo:page-number-citation ref-id="tr"/></fo:block>
<fo:block>bc <fo:page-number-citation ref-id="bcin"/></fo:block>
<fo:block>last <fo:page-number-citation ref-id="lastblk"/></fo:block>
<fo:block>go <fo:basic-link internal-destination="tr">to the row</fo:basic-link> <fo:basic-link internal-destination="lastblk">to the end</fo:basic-link></fo:block>
<fo:block break-before="page">P2 <fo:inline id="inl" background-color="yellow">inline</fo:inline>
<fo:inline><fo:marker marker-class-name="m">InInline</fo:marker>marked</fo:inline></fo:block>
<fo:table break-before="page"><fo:table-column column-width="150pt"/><fo:table-column column-width="150pt"/><fo:table-body>
<fo:table-row id="tr"><fo:table-cell><fo:marker marker-class-name="m">InCell</fo:marker><fo:block>A1</fo:block></fo:table-cell>
<fo:table-cell><fo:block>B1</fo:block><fo:block break-before="page">B2</fo:block></fo:table-cell></fo:table-row>
</fo:table-body></fo:table>
<fo:block-container height="30pt"><fo:block>bc <fo:inline id="bcin">x</fo:inline></fo:block>
<fo:block>two</fo:block><fo:block>three</fo:block><fo:block>four</fo:block></fo:block-container>
<fo:block>In olden times when wishing still helped one, there lived a king whose daughters were all beautiful,
but the youngest was so beautiful that the sun itself, which has seen so much, was astonished whenever it shone in her face.</fo:block>
<fo:block id="lastblk"/>
</fo:flow></fo:page-sequence></fo:root>
EOF

"$MSPDOC" render losses.fo -o losses.pdf --area-tree losses.tree 2>losses.err || { cat losses.err; fail "render failed"; }
[ -s losses.pdf ] || fail "no PDF"

line() { xp losses.tree "string(//page[$1]/line[@zone='body'][starts-with(., '$2 ')])"; }
[ "$(line 1 inl)" = "inl 2" ] || fail "inline id: '$(line 1 inl)'"
[ "$(line 1 root)" = "root 1-4" ] || fail "root id: '$(line 1 root)'"
[ "$(line 1 seq)" = "seq 1-4" ] || fail "page-sequence id: '$(line 1 seq)'"
[ "$(line 1 tr)" = "tr 3" ] || fail "table-row id: '$(line 1 tr)'"
[ "$(line 1 bc)" = "bc 4" ] || fail "id in a fixed-height container: '$(line 1 bc)'"
[ "$(line 1 last)" = "last 4" ] || fail "empty last block: '$(line 1 last)'"
[ "$(xp losses.tree 'count(//line[contains(., "00")])')" = 0 ] || fail "a citation printed 00"
for id in root seq inl tr bcin lastblk; do
    [ "$(xp losses.tree "count(//dest[@name='$id'])")" = 1 ] || fail "no destination for '$id'"
done
grep -q "a link points to" losses.err && fail "a link lost its target: $(grep 'a link points' losses.err)"

# markers, forced breaks in the table, the region background
[ "$(xp losses.tree 'string(//page[2]/line[@zone="before"])')" = InInline ] || fail "marker in an inline"
[ "$(xp losses.tree 'string(//page[3]/line[@zone="before"])')" = InCell ] || fail "marker in a table cell"
[ "$(xp losses.tree 'count(//page[3]/line[. = "B1"])')" = 1 ] || fail "B1 not on page 3"
[ "$(xp losses.tree 'count(//page[4]/line[. = "B2"])')" = 1 ] || fail "break-before in a cell: B2 not on page 4"
[ "$(xp losses.tree 'count(//page[1]/rect[@color="#F0F0F0"])')" = 1 ] || fail "region-body background not drawn"

# page 4 is narrow: its lines fit its 210 pt body (x 20..230)
[ "$(xp losses.tree 'string(//page[4]/@master)')" = narrow ] || fail "page 4's master"
over=$(xp losses.tree 'count(//page[4]/line[@zone="body"][@x + @w > 230.01])')
[ "$over" = 0 ] || fail "$over lines past the narrow page's body"

# said, with the place
grep -qE '^losses\.fo:27:1: warning: fo:block-container content is [0-9.]+ pt tall' losses.err \
    || fail "overflow warning: $(cat losses.err)"
# an inline's background is drawn (it was dropped, then warned)
[ "$(xp losses.tree 'count(//page[2]/rect[@color="#FFFF00"])')" = 1 ] || fail "inline background not drawn"
grep -q 'on inline-level elements are not drawn' losses.err && fail "inline decoration still warned: $(cat losses.err)"

[ "$fails" = 0 ] || exit 1
echo "layout_losses: ok"
