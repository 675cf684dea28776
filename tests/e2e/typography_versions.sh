#!/usr/bin/env bash
# Typography per language, end to end on the area tree (src/xslt/typo.h): the
# French sample and a French test paper get no-break spaces (U+00A0) before
# ":" and between day and month, narrow ones (U+202F) before ";", typographic
# apostrophes, a raised "er" in "1er", "article" in lower case mid-sentence and
# capitalised at a sentence start; the Spanish sample keeps "8 de octubre"
# together; the English sample gets no French rule.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
build() { # NAME SOURCE
    "$MSPDOC" build "$2" -o "$MSP_TMP/$1.pdf" --area-tree "$MSP_TMP/$1.tree" 2> "$MSP_TMP/$1.err" > /dev/null \
        || { cat "$MSP_TMP/$1.err" >&2; fail "$1 did not build"; }
}
build fr "$MSP_ROOT/data/papers/000-coop-assistance-report-fr.xml"
build es "$MSP_ROOT/data/papers/000-coop-assistance-report-es.xml"
build en "$MSP_ROOT/data/papers/000-coop-assistance-report.xml"
build add "$MSP_ROOT/tests/data/papers/ok-fr-addendum.xml"

python3 - "$MSP_TMP" <<'PY'
import sys
import xml.etree.ElementTree as E
tmp = sys.argv[1]
NB, NN, AP = '\u00a0', '\u202f', '\u2019'
bad = []
def lines(name):
    return [(l.text or '', l.get('raised') or '', l.get('zone')) for l in E.parse(f'{tmp}/{name}.tree').getroot().iter('line')]
def has(name, text, why):
    if not any(text in t for t, _, _ in lines(name)):
        bad.append(f'{name}: no line holds {text!r} ({why})')
def none(name, text, why):
    hits = [t for t, _, _ in lines(name) if text in t]
    if hits:
        bad.append(f'{name}: {text!r} in {hits[0]!r} ({why})')

has('fr', 'Original' + NB + ': anglais', 'no-break space before a colon, in a label')
has('fr', '8' + NB + 'octobre 2025', 'day and month together')
has('fr', 'l' + AP + 'article' + NB + '7', 'apostrophe, lower-case article, no-break space before its number')
has('fr', 'suivants' + NB + ':', 'no-break space before a colon in running text')
has('fr', 'établi' + NN + ';', 'narrow no-break space before a semicolon')
has('fr', '«' + NB + 'Financer', 'no-break space inside guillemets')
has('fr', 'possibilités' + NB + '»', 'no-break space inside guillemets')
none('fr', "'", 'straight apostrophes are typographic')
none('fr', ' :', 'a breakable space before a colon')
none('fr', ' ;', 'a breakable space before a semicolon')
if not any('1er-5' + NB + 'décembre' in t and 'er' in r.split('|') for t, r, _ in lines('fr')):
    bad.append('fr: "1er" of the meeting dates is not raised')
# the reissue note (a label): narrow no-break space before ";"
notes = ' '.join(t for t, _, z in lines('fr') if z == 'footnotes')
if '2025)' + NN + '; précédemment' not in notes:
    bad.append('fr: the reissue note has no narrow no-break space before ";": ' + notes[:120])

has('add', 'Au titre de l' + AP + 'article' + NB + '6', 'a label mid-sentence stays lower-case')
has('add', '3.Article' + NB + '5 s' + AP + 'applique', 'a label at a sentence start is capitalised')
has('add', 'également' + NN + '; le Comité l' + AP + 'a rappelé le 26' + NB + 'mars 2025', 'rules in a test paper')
if not any('Mme Dupont' in t and 'me' in r.split('|') for t, r, _ in lines('add')):
    bad.append('add: the source\'s <sup>me</sup> is not raised')

has('es', '8' + NB + 'de' + NB + 'octubre de 2025', 'Spanish day, "de" and month together')
has('es', 'artículo' + NB + '7', 'Spanish article label')
none('es', NN, 'no French rule in Spanish')

has('en', '8' + NB + 'October 2025', 'English day and month together')
has('en', 'Article' + NB + '7', 'English Article and its number')
none('en', NN, 'no French rule in English')
none('en', NB + ':', 'no French rule in English')
if bad:
    print('\n'.join('FAIL: ' + b for b in bad), file=sys.stderr)
    sys.exit(1)
PY
echo "ok: typography per language on the area tree"
