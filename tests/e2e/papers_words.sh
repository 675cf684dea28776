#!/usr/bin/env bash
# Words-in-order check of the FO text against the reference papers (MSP_SHARED/reference):
# 000 (report) and 002 (statement). Footnote bodies are taken out of the reference where they
# occur (page foot) and must each be found there; the remaining words must match the flow exactly.
# Needs xsltproc and python3. Env: MSP_ROOT, MSP_SHARED, MSP_TMP.
set -u
ROOT=${MSP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
SHARED=${MSP_SHARED:-$ROOT/../shared}
TMP=${MSP_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
command -v python3 >/dev/null || { echo "papers_words: python3 is required"; exit 1; }
fails=0
for pair in "000-coop-assistance-report:report:000" "002-coop-assistance-statement:statement:002"; do
  IFS=: read -r name kind ref <<<"$pair"
  refs=("$SHARED"/reference/${ref}_*.txt)
  [ -f "${refs[0]}" ] || { echo "FAIL: no reference $ref in $SHARED/reference"; fails=$((fails + 1)); continue; }
  if ! xsltproc --stringparam data "$ROOT/data/" "$ROOT/templates/$kind.xsl" \
      "$ROOT/data/papers/$name.xml" >"$TMP/$name.fo"; then
    echo "FAIL: $name: xsltproc"; fails=$((fails + 1)); continue
  fi
  python3 - "$TMP/$name.fo" "${refs[0]}" <<'PY' || fails=$((fails + 1))
import re, sys, difflib
import xml.etree.ElementTree as E
FO = '{http://www.w3.org/1999/XSL/Format}'
BREAK = {FO + t for t in ('block', 'list-item-label', 'leader', 'footnote')}
SKIP = {FO + t for t in ('static-content', 'layout-master-set', 'title', 'bookmark-tree')}

def fo_words(path):
    notes = []
    def walk(el, out):
        if el.tag in SKIP:
            return
        if el.tag == FO + 'footnote-body':
            buf = []
            walk_in(el, buf)
            notes.append(''.join(buf).split())
            return
        # footnote markers (raised inlines) are words of their own
        brk = el.tag in BREAK or (el.tag == FO + 'inline' and el.get('baseline-shift'))
        if brk:
            out.append(' ')
        walk_in(el, out)
        if brk:
            out.append(' ')
    def walk_in(el, out):
        if el.text:
            out.append(el.text)
        for c in el:
            walk(c, out)
            if c.tail:
                out.append(c.tail)
    main = []
    walk(E.parse(path).getroot(), main)
    return ''.join(main).split(), notes

def ref_words(path):
    t = open(path, encoding='utf-8').read()
    t = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', t)          # [text](url) -> text
    t = re.sub(r'<(https?://[^>]*)>', r'\1', t)             # <url> -> url
    t = re.sub(r'(?<=[A-Za-z.)}])\*\*|\*\*(?=[A-Za-z(])', '', t)   # markdown bold
    t = re.sub(r'\^\{([^}]*)\}', r' \1 ', t)                # ^{*} markers
    t = re.sub(r'(?m)^\s*-\s+(?=\()', '', t)                # list dashes before (a)
    t = t.replace('¹', ' 1 ')
    t = re.sub(r'(\d)-\n(\d)', r'\1-\2', t)                 # line broken after a hard hyphen
    return t.split()

fo, ref = sys.argv[1], sys.argv[2]
main, notes = fo_words(fo)
rest = ref_words(ref)
ok = True
for n in notes:
    k = len(n)
    hit = next((i for i in range(len(rest) - k + 1) if rest[i:i + k] == n), None)
    if hit is None:
        print('FAIL: footnote not in reference:', ' '.join(n)[:200])
        ok = False
    else:
        del rest[hit:hit + k]
if rest != main:
    ok = False
    sm = difflib.SequenceMatcher(None, rest, main, autojunk=False)
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op != 'equal':
            print('FAIL: %s reference: %r | FO: %r' % (op, ' '.join(rest[a1:a2])[:160], ' '.join(main[b1:b2])[:160]))
print('%s: %d words in flow, %d footnotes: %s' % (fo.split('/')[-1], len(main), len(notes), 'ok' if ok else 'MISMATCH'))
sys.exit(0 if ok else 1)
PY
done
[ "$fails" -eq 0 ] || { echo "papers_words: $fails failure(s)"; exit 1; }
echo "papers_words: all checks passed"
