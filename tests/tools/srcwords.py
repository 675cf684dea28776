#!/usr/bin/python3
"""srcwords: are a paper source's words in its PDF, in order?

Takes the words of the source's <body> (each <note>'s words as a sequence of their
own, since a note is printed at the page foot) and looks for each sequence, in
order, in the PDF's text: pdftotext -raw, or a text file given as the third
argument (pdfcheck.py --text-out: the tagged text in logical order, which the
Arabic version needs). The PDF text may hold more (running heads, labels, note
numbers); a source word missing from it, or out of order, is reported.

- words: runs of letters, or of digits (a note call glued to a word reads apart);
  Chinese (xml:lang="zh") is compared character by character, Arabic (ar) letter
  by letter (a cursive join may read as a space in the PDF's text);
- ignored: NFKC differences, soft hyphens, bidi and isolate marks, the word joiner,
  tatweel, and the hyphenation character U+2010 at a line end (the word is joined);
- a word hyphenated at the last line of a page is joined with the first line of the
  page's notes instead: it counts as found when the token there starts with a part
  of it and the rest of it follows, on the next page.

Usage: srcwords.py SOURCE.xml PDF [TEXT]   prints a summary; exit 1 when a word is missing
"""
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

NS = '{urn:x-mspdoc:paper:1}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    s = re.sub(r'[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u0640]', '', s)
    return re.sub(r'\u2010\n', '', s)


def tokens(s, lang):
    s = norm(s)
    if lang == 'zh':
        return [c for c in s if unicodedata.category(c)[0] in 'LN']
    words = re.findall(r'[^\W\d_]+|\d+', s)
    if lang == 'ar':
        return [c for w in words for c in w]
    return words


def body_text(root):
    notes = []

    def walk(e):
        parts = [e.text or '']
        for c in e:
            if c.tag == NS + 'note':
                notes.append(''.join(c.itertext()))
            else:
                parts.append(walk(c))
            parts.append(c.tail or '')
        return ''.join(parts)

    body = root.find(NS + 'body')
    return walk(body if body is not None else root), notes


def find_in_order(seq, pdf):
    missing = []
    j = 0
    for t in seq:
        k = j
        while k < len(pdf) and pdf[k] != t:
            k += 1
        if k < len(pdf):
            j = k + 1
            continue
        # a word hyphenated across a page break: its first part glued to the
        # notes' first word, the rest after them (looked for nearby only)
        found = False
        for k in range(j, min(j + 60, len(pdf))):
            n = 0
            while n < min(len(pdf[k]), len(t)) and pdf[k][n] == t[n]:
                n += 1
            if n < 2 or n >= len(t):
                continue
            rest = t[n:]
            m = next((m for m in range(k + 1, min(k + 200, len(pdf))) if pdf[m] == rest), None)
            if m is not None:
                j, found = m + 1, True
                break
        if not found:
            missing.append(t)
    return missing


def main():
    if len(sys.argv) < 3:
        print(__doc__.split('Usage: ')[1].strip(), file=sys.stderr)
        return 2
    root = ET.parse(sys.argv[1]).getroot()
    lang = root.get(XML_LANG, 'en')
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding='utf-8') as f:
            text = f.read()
    else:
        text = subprocess.run(['pdftotext', '-raw', sys.argv[2], '-'], capture_output=True, text=True,
                              check=True).stdout
    pdf = tokens(text, lang)
    main_text, notes = body_text(root)
    total, missing = 0, []
    for seq in [tokens(main_text, lang)] + [tokens(n, lang) for n in notes]:
        total += len(seq)
        missing += find_in_order(seq, pdf)
    unit = {'zh': 'characters', 'ar': 'letters'}.get(lang, 'words')
    print(f"{sys.argv[1]}: {total - len(missing)} of {total} {unit} in order ({len(notes)} notes)"
          + (f"; missing: {' '.join(missing[:10])}" if missing else ""))
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
