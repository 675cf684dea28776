#!/usr/bin/env bash
# Sample papers -> schema validation (xmllint) -> XSLT (xsltproc) -> FO structure checks.
# Needs xmllint and xsltproc only (not the mspdoc CLI). Env: MSP_ROOT (tree), MSP_TMP (scratch).
set -u
ROOT=${MSP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=${MSP_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
RNG="$ROOT/templates/paper.rng"
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# xpath FILE EXPR -> prints the result (string/number/boolean expression)
xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }

# expect FILE EXPR VALUE: XPath expression must evaluate to VALUE
expect() {
  local got
  got=$(xp "$1" "$2")
  [ "$got" = "$3" ] || fail "$(basename "$1"): $2 = '$got', expected '$3'"
}

# lit TEXT: XPath string literal (double quotes when TEXT holds an apostrophe)
lit() { case "$1" in *"'"*) printf '"%s"' "$1" ;; *) printf "'%s'" "$1" ;; esac; }

# has FILE TEXT: some element's own text equals TEXT (after whitespace normalisation)
has() {
  expect "$1" "count(//*[normalize-space(text()) = $(lit "$2")]) > 0" "true"
}

# contains FILE TEXT: the FO's text contains TEXT somewhere in one element
contains() {
  # a block's text, across the inline marks (t:label) the typography pass removes
  expect "$1" "count(//*[local-name() = 'block'][contains(normalize-space(.), $(lit "$2"))]) > 0" "true"
}

kind_of() { xp "$1" "string(/*[local-name()='paper']/@kind)"; }

# 1. every sample and ok-* test source validates and transforms into well-formed FO
for src in "$ROOT"/data/papers/*.xml "$ROOT"/tests/data/papers/ok-*.xml; do
  name=$(basename "$src" .xml)
  if ! xmllint --noout --relaxng "$RNG" "$src" 2>"$TMP/$name.rng.err"; then
    fail "$name does not validate: $(head -3 "$TMP/$name.rng.err")"
    continue
  fi
  kind=$(kind_of "$src")
  [ -f "$ROOT/templates/$kind.xsl" ] || { fail "$name: no templates/$kind.xsl"; continue; }
  if ! xsltproc --stringparam data "$ROOT/data/" "$ROOT/templates/$kind.xsl" "$src" \
      >"$TMP/$name.fo" 2>"$TMP/$name.xslt.err"; then
    fail "$name: xsltproc failed: $(head -3 "$TMP/$name.xslt.err")"
    continue
  fi
  [ -s "$TMP/$name.xslt.err" ] && fail "$name: xsltproc messages: $(head -3 "$TMP/$name.xslt.err")"
  xmllint --noout "$TMP/$name.fo" 2>/dev/null || fail "$name: FO not well-formed"
  # only FO elements in the output, but for mspdoc graphics alone in fo:instream-foreign-object
  expect "$TMP/$name.fo" "count(//*[namespace-uri() != 'http://www.w3.org/1999/XSL/Format'][namespace-uri() != 'urn:x-mspdoc:typography'][not(namespace-uri() = 'urn:x-mspdoc:graphics' and parent::*[local-name() = 'instream-foreign-object'] and count(../*) = 1)])" "0"
done

# 2. schema-* sources must be rejected by the schema
for src in "$ROOT"/tests/data/papers/schema-*.xml; do
  xmllint --noout --relaxng "$RNG" "$src" >/dev/null 2>&1 && fail "$(basename "$src") validates but must not"
done
# domain-* sources are schema-valid (their errors are for mspdoc's domain checks)
for src in "$ROOT"/tests/data/papers/domain-*.xml; do
  xmllint --noout --relaxng "$RNG" "$src" >/dev/null 2>&1 || fail "$(basename "$src") must be schema-valid"
done

# 3. reference 000: masthead report
F="$TMP/000-coop-assistance-report.fo"
if [ -f "$F" ]; then
  expect "$F" "count(//*[local-name()='simple-page-master'])" "3"
  expect "$F" "count(//*[local-name()='conditional-page-master-reference'])" "3"
  expect "$F" "string(//*[local-name()='conditional-page-master-reference'][@page-position='first']/@master-reference)" "first"
  # symbol row: APLC 20pt, rest 10pt with the reissue star; rule under it
  expect "$F" "normalize-space(//*[local-name()='static-content'][@flow-name='first-before']/*[local-name()='block'][last()])" "APLC/MSP.22/2025/22*"
  expect "$F" "string(//*[local-name()='static-content'][@flow-name='first-before']//*[local-name()='inline'][1]/@font-size)" "20pt"
  expect "$F" "string(//*[local-name()='static-content'][@flow-name='first-before']/*[local-name()='block'][last()]/@border-after-width)" "0.5pt"
  # running headers without star, even left / odd right
  expect "$F" "normalize-space(//*[local-name()='static-content'][@flow-name='even-before'])" "APLC/MSP.22/2025/22"
  expect "$F" "string(//*[local-name()='static-content'][@flow-name='even-before']/*/@text-align)" "start"
  expect "$F" "string(//*[local-name()='static-content'][@flow-name='odd-before']/*/@text-align)" "end"
  expect "$F" "count(//*[local-name()='static-content'][@flow-name='odd-after']//*[local-name()='page-number'])" "1"
  # no job number footer (none in the source)
  expect "$F" "count(//*[local-name()='static-content'][@flow-name='first-after'])" "0"
  expect "$F" "count(//*[local-name()='static-content'][@flow-name='xsl-footnote-separator']//*[local-name()='leader'][@leader-pattern='rule'])" "1"
  # masthead table and text
  expect "$F" "count(//*[local-name()='table']/*[local-name()='table-column'])" "3"
  has "$F" "8 October 2025"
  has "$F" "Original: English"
  has "$F" "Twenty-Second Meeting"
  has "$F" "Geneva, 1-5 December 2025"
  has "$F" "Item 9 (c) of the provisional agenda"
  has "$F" "Consideration of the general status and operation of the Convention"
  has "$F" "Committee on the enhancement of Cooperation And Assistance (Cameroon, Denmark (Chair), Switzerland, Türkiye (Chair))"
  # title with the two asterisk notes, in order, joined by ", "
  T="//*[local-name()='block'][starts-with(normalize-space(text()), 'Report on activities')]"
  expect "$F" "count($T/*[local-name()='footnote'])" "2"
  expect "$F" "normalize-space($T/*[local-name()='footnote'][1]/*[local-name()='inline'])" "*"
  expect "$F" "normalize-space($T/*[local-name()='footnote'][2]/*[local-name()='inline'])" "**"
  expect "$F" "normalize-space($T/*[local-name()='footnote'][1]/following-sibling::text()[1])" ","
  expect "$F" "count(//*[local-name()='block'][normalize-space(.) = 'Reissued for technical reasons on 2 December 2025; previously issued under the symbol APLC/MSP.22/2025/22.']) > 0" "true"
  has "$F" "The present document was submitted after the deadline in order to reflect the most recent information."
  # chapters I., II.; 18 numbered paragraphs, consecutive; leaders bring text to the tab
  has "$F" "I."
  has "$F" "II."
  P="//*[local-name()='flow']/*[local-name()='block'][*[local-name()='leader']][not(@text-indent)]"
  expect "$F" "count($P)" "18"
  expect "$F" "string($P[1]/*[local-name()='inline'][1])" "1."
  expect "$F" "string($P[12]/*[local-name()='inline'][1])" "12."
  expect "$F" "string($P[18]/*[local-name()='inline'][1])" "18."
  expect "$F" "string($P[1]/*[local-name()='leader']/@leader-length)" "20.85pt"
  expect "$F" "string($P[12]/*[local-name()='leader']/@leader-length)" "15.85pt"
  # sub-items (a), (b): label at the tab, wraps back to the column
  S="//*[local-name()='flow']/*[local-name()='block'][@text-indent='28.35pt']"
  expect "$F" "count($S)" "2"
  expect "$F" "string($S[1]/*[local-name()='inline'][1])" "(a)"
  expect "$F" "string($S[2]/*[local-name()='inline'][1])" "(b)"
  expect "$F" "string($S[1]/@start-indent)" "56.69pt"
  # footnote 1 on paragraph 7, with its URL as a clickable link
  expect "$F" "string($P[7]/*[local-name()='footnote']/*[local-name()='inline'])" "1"
  expect "$F" "normalize-space($P[7]/*[local-name()='footnote']//*[local-name()='basic-link'])" "https://www.apminebanconvention.org/en/meetings/intersessional-meetings/2025-im/documents-1"
  expect "$F" "count(//*[local-name()='footnote'])" "3"
  # headings keep with next
  expect "$F" "count(//*[local-name()='list-block'][@keep-with-next.within-page='always'])" "2"
fi

# 4. reference 002: statement
F="$TMP/002-coop-assistance-statement.fo"
if [ -f "$F" ]; then
  expect "$F" "count(//*[local-name()='table'])" "0"
  expect "$F" "count(//*[local-name()='leader'][@leader-pattern='space'])" "0"
  has "$F" "05th Review Conference of the Antipersonal Mine Ban Convention"
  has "$F" "25-/29 November 2024 – Siem Reap Angkor - Cambodia."
  expect "$F" "string(//*[local-name()='block'][normalize-space(text())='Statement of the Committee on the Enhancement of Cooperation and Assistance']/@text-align)" "center"
  expect "$F" "count(//*[local-name()='list-item'])" "5"
  expect "$F" "string(//*[local-name()='list-item-label'][1]/*[local-name()='block'])" "▪"
  contains "$F" "in the full implementation of Article 6 of the Convention"
fi

# 5. French addendum: labels, sub-item style, annex restart, note numbering, ref
F="$TMP/ok-fr-addendum.fo"
if [ -f "$F" ]; then
  has "$F" "Original : anglais"
  has "$F" "Français"
  has "$F" "1er novembre 2025"
  has "$F" "Genève, 1er-5 décembre 2025"
  has "$F" "Point 9 c) de l'ordre du jour provisoire"
  has "$F" "Additif"
  has "$F" "Présenté par l'Allemagne, la Belgique, le Japon (Président) et le Pérou"
  has "$F" "GE.25-22223 (F)"
  has "$F" "a)"
  has "$F" "i)"
  has "$F" "A."
  has "$F" "Annexe I"
  has "$F" "Annexe II"
  # annex paragraphs restart at 1: three paragraphs numbered "1."
  expect "$F" "count(//*[local-name()='flow']/*[local-name()='block']/*[local-name()='inline'][1][.='1.'])" "3"
  # numbered notes 1, 2 after the asterisk notes *, **
  expect "$F" "count(//*[local-name()='footnote']/*[local-name()='inline'][.='1'])" "1"
  expect "$F" "count(//*[local-name()='footnote']/*[local-name()='inline'][.='2'])" "1"
  expect "$F" "count(//*[local-name()='footnote']/*[local-name()='inline'][.='**'])" "1"
  expect "$F" "string(//*[local-name()='basic-link'][@internal-destination='p-one'])" "1"
  expect "$F" "count(//*[local-name()='basic-link'][@internal-destination='p-one'])" "1"
fi

# 6. Spanish draft corrigendum: no job footer, labels
F="$TMP/ok-es-corrigendum-draft.fo"
if [ -f "$F" ]; then
  expect "$F" "count(//*[local-name()='static-content'][@flow-name='first-after'])" "0"
  has "$F" "Corrección"
  has "$F" "Original: inglés, francés"
  has "$F" "Distr. general"
  has "$F" "Tema 9 c) del programa"
  has "$F" "Ginebra, 1 a 5 de diciembre de 2025"
  has "$F" "Publicado nuevamente por razones técnicas el 1 de diciembre de 2025."
fi

# 7. the draft param drops the job footer of a final paper
xsltproc --stringparam data "$ROOT/data/" --stringparam draft 1 "$ROOT/templates/report.xsl" \
  "$ROOT/tests/data/papers/ok-fr-addendum.xml" >"$TMP/fr-draft.fo" 2>/dev/null || fail "draft param run"
expect "$TMP/fr-draft.fo" "count(//*[local-name()='static-content'][@flow-name='first-after'])" "0"

if [ "$fails" -ne 0 ]; then
  echo "papers_fo: $fails failure(s)"
  exit 1
fi
echo "papers_fo: all checks passed"
