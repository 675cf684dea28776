#!/usr/bin/env bash
# What the templates give the engine for a tagged PDF (docs/format-choices.md, "Tagged PDF"):
# heading roles H1..H6 without a skipped level, nothing else with a heading role; the
# fo:bookmark-tree between the layout-master-set and the page-sequence, one bookmark per
# chapter, section and annex, nested, each going to the id of its heading's block, titled in
# plain text; alternative texts on the bar code and the QR code; a foreign passage in an
# fo:inline with its language, a paragraph in another language on its fo:block.
# Env: MSPDOC (CLI binary), MSP_ROOT, MSP_TMP.
set -u
ROOT=${MSP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=${MSP_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
[ -x "${MSPDOC:-}" ] || { echo "tagged_fo: MSPDOC is not an executable"; exit 1; }
command -v xmllint >/dev/null || { echo "tagged_fo: xmllint is required"; exit 1; }
export MSP_ROOT="$ROOT"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }
expect() {   # expect FILE EXPR VALUE
  local got
  got=$(xp "$1" "$2")
  [ "$got" = "$3" ] || fail "$(basename "$1"): $2 = '$got', expected '$3'"
}
E() { printf "*[local-name()='%s']" "$1"; }   # an FO element by local name

fo() {   # fo SOURCE NAME: mspdoc fo SOURCE > $TMP/NAME.fo (the engine's warnings: pdf_outline.sh)
  "$MSPDOC" fo "$1" >"$TMP/$2.fo" 2>"$TMP/$2.err" && return 0
  fail "$2: mspdoc fo failed: $(head -3 "$TMP/$2.err")"
  return 1
}

# headings SOURCE FO: roles in document order go H1 first, then at most one level deeper at a
# time; only the flow has them; one bookmark per chapter, section and annex of the source
headings() {
  local src=$1 f=$2 prev=0 lv n
  for lv in $(xp "$f" "//*[@role]/@role" | sed -n 's/.*role="H\([1-6]\)".*/\1/p'); do
    if [ "$prev" = 0 ] && [ "$lv" != 1 ]; then fail "$(basename "$f"): first heading is H$lv, not H1"; fi
    [ "$lv" -gt $((prev + 1)) ] && fail "$(basename "$f"): H$lv after H$prev (a level skipped)"
    prev=$lv
  done
  expect "$f" "count(//*[@role][not(starts-with(@role, 'H'))])" "0"
  expect "$f" "count(//*[@role = 'H1'])" "1"
  expect "$f" "count(//$(E static-content)//*[@role])" "0"
  n=$(xp "$src" "count(//*[local-name()='chapter' or local-name()='section' or local-name()='annex'])")
  expect "$f" "count(//$(E flow)//*[@role and @role != 'H1'])" "$n"
  expect "$f" "count(//$(E bookmark))" "$n"
  # every bookmark goes to a heading (its id on a block with a heading role), in document order
  expect "$f" "count(//$(E bookmark)[not(@internal-destination = //*[starts-with(@role, 'H')]/@id)])" "0"
  if [ "$n" -gt 0 ]; then
    expect "$f" "local-name(/*/$(E bookmark-tree)/preceding-sibling::*[1])" "layout-master-set"
    expect "$f" "local-name(/*/$(E bookmark-tree)/following-sibling::*[1])" "page-sequence"
  else
    expect "$f" "count(//$(E bookmark-tree))" "0"
  fi
}

# 1. every sample and ok-* paper: no skipped heading level, one bookmark per heading
for src in "$ROOT"/data/papers/*.xml "$ROOT"/tests/data/papers/ok-*.xml; do
  name=$(basename "$src" .xml)
  fo "$src" "$name" && headings "$src" "$TMP/$name.fo"
done

# 2. the sample report: title H1, the two chapters H2, bookmarks "I. ..." and "II. ..."
F="$TMP/000-coop-assistance-report.fo"
if [ -f "$F" ]; then
  expect "$F" "normalize-space(//*[@role='H1']/text())" "Report on activities and priorities for implementation 2025-2026"
  expect "$F" "count(//$(E list-block)[@role='H2'])" "2"
  expect "$F" "string(//$(E bookmark)[1]/@internal-destination)" "ch-activities"
  expect "$F" "string(//$(E bookmark)[1]/$(E bookmark-title))" "I. Activities of the Committee"
  expect "$F" "string(//$(E bookmark)[2]/$(E bookmark-title))" "II. Priorities of the Committee"
  expect "$F" "string(//$(E bookmark)[2]/@starting-state)" "show"
fi
F="$TMP/002-coop-assistance-statement.fo"
[ -f "$F" ] && expect "$F" "normalize-space(//*[@role='H1'])" \
  "Statement of the Committee on the Enhancement of Cooperation and Assistance"

# 3. the tagged test paper
F="$TMP/ok-en-tagged.fo"
if [ -f "$F" ]; then
  # the French passage: an inline in French, roman, text as written
  FR="//$(E inline)[@language='fr'][normalize-space(.)='ensemble pour un monde sans mines']"
  expect "$F" "count($FR)" "1"
  expect "$F" "count($FR/ancestor-or-self::*[@font-style='italic'])" "0"
  expect "$F" "string($FR/ancestor::$(E block)[1]/@language)" ""
  expect "$F" "count(//$(E inline)[@language='fr'])" "2"
  # the paragraph in French
  expect "$F" "count(//$(E block)[@language='fr'][contains(., 'Le Comité a tenu sa première réunion')])" "1"
  expect "$F" "string(/*/@language)" "en"
  # roles by heading
  NB=$(printf '\302\240')   # the typography pass joins "paragraph 1" with a no-break space
  role() { expect "$F" "string(//*[starts-with(@role, 'H')][contains(translate(normalize-space(.), '$NB', ' '), '$1')][last()]/@role)" "$2"; }
  role "Introduction" H2
  role "Work of the Committee" H3
  role "Meetings in Genève" H4
  role "Follow-up to paragraph 1" H3
  role "Closing remarks" H2
  role "Work plan" H2
  role "Activities in 2026" H3
  role "The Committee will meet" ""
  expect "$F" "normalize-space(//*[@role='H4'][1])" "1. Meetings in Genève"
  # the annex line and its title are one heading
  expect "$F" "normalize-space(//$(E block)[@role='H2'])" "Annex Work plan"
  # outline: nesting, plain titles, states
  B="//$(E bookmark-tree)"
  expect "$F" "count($B/$(E bookmark))" "3"
  expect "$F" "string($B/$(E bookmark)[1]/$(E bookmark-title))" "I. Introduction"
  expect "$F" "string($B/$(E bookmark)[1]/$(E bookmark)[1]/$(E bookmark-title))" "A. Work of the Committee"
  expect "$F" "string($B/$(E bookmark)[1]/$(E bookmark)[1]/$(E bookmark)/$(E bookmark-title))" "1. Meetings in Genève"
  expect "$F" "string($B/$(E bookmark)[1]/$(E bookmark)[2]/$(E bookmark-title))" "B. Follow-up to paragraph 1"
  expect "$F" "string($B/$(E bookmark)[1]/$(E bookmark)[2]/@internal-destination)" "s-follow-up"
  expect "$F" "string($B/$(E bookmark)[2]/$(E bookmark-title))" "Closing remarks"
  expect "$F" "string($B/$(E bookmark)[3]/$(E bookmark-title))" "Annex – Work plan"
  expect "$F" "string($B/$(E bookmark)[3]/$(E bookmark)/$(E bookmark-title))" "I. Activities in 2026"
  expect "$F" "string($B/$(E bookmark)[3]/$(E bookmark)/$(E bookmark)/$(E bookmark-title))" "A. Meetings"
  expect "$F" "count($B//$(E bookmark-title)/*)" "0"
  expect "$F" "count($B/$(E bookmark)[@starting-state!='show'])" "0"
  expect "$F" "count($B/$(E bookmark)//$(E bookmark)[$(E bookmark)][@starting-state!='hide'])" "1"   # the annex's chapter
  # generated ids are stable: from the position of the heading
  expect "$F" "string($B/$(E bookmark)[1]/$(E bookmark)[1]/@internal-destination)" "hd-1-1"
  # alternative texts of the codes
  A="@*[local-name()='alt-text'][namespace-uri()='http://xmlgraphics.apache.org/fop/extensions']"
  expect "$F" "string(//$(E instream-foreign-object)[*[local-name()='qr']]/$A)" "QR code: http://undocs.org/APLC/MSP.22/2025/23"
  expect "$F" "string(//$(E instream-foreign-object)[*[local-name()='code39']]/$A)" "Bar code: 2522224 (GE.25-22224)"
  expect "$F" "count(//$(E instream-foreign-object)[not($A)] | //$(E external-graphic)[not($A)])" "0"
fi

# 4. alternative texts in the paper's language (French: no-break space before the colon)
F="$TMP/ok-fr-addendum.fo"
if [ -f "$F" ]; then
  A="@*[local-name()='alt-text']"
  expect "$F" "string(//$(E instream-foreign-object)[*[local-name()='qr']]/$A)" "Code QR : http://undocs.org/APLC/MSP.22/2025/22/Add.1"
  expect "$F" "string(//$(E instream-foreign-object)[*[local-name()='code39']]/$A)" "Code-barres : 2522223 (GE.25-22223)"
  expect "$F" "string(//$(E bookmark)[$(E bookmark-title)='Annexe I – Liste des participants']/@internal-destination)" "annex-1"
fi

# 5. the schema: foreign needs a language; xml:lang on p and foreign is a bare language code
bad_src() {   # bad_src NAME SED-EXPR: the tagged paper edited must be rejected by the schema
  sed "$2" "$ROOT/tests/data/papers/ok-en-tagged.xml" >"$TMP/$1.xml"
  xmllint --noout --relaxng "$ROOT/templates/paper.rng" "$TMP/$1.xml" >/dev/null 2>&1 &&
    fail "schema accepts $1"
}
bad_src foreign-no-lang 's#<foreign xml:lang="fr">#<foreign>#'
bad_src foreign-region 's#<foreign xml:lang="fr">#<foreign xml:lang="fr-CH">#'
bad_src p-lang-upper 's#<p xml:lang="fr">#<p xml:lang="FR">#'

[ "$fails" -eq 0 ] && echo "tagged_fo: ok" || echo "tagged_fo: $fails failure(s)"
[ "$fails" -eq 0 ]
