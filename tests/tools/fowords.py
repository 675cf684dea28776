#!/usr/bin/python3
"""fowords: the text a reader should get from an XSL-FO file, in reading order.

It is what the tagged PDF made from the FO should give (pdfcheck.py --words-out),
worked out from the FO alone, without mspdoc's code:

- the fo:flow content of each page sequence, in document order; fo:static-content,
  fo:layout-master-set, fo:declarations, fo:title, fo:bookmark-tree and fo:marker
  are skipped, and so is anything with role="artifact";
- the text of an fo:footnote-body goes right after the end of the paragraph holding
  its anchor (the fo:footnote's inline), several notes of one paragraph in anchor
  order. The paragraph is the outermost ancestor of the anchor that is a paragraph
  or a heading: an fo:block with text or inline content of its own, or an element
  whose role is P, H or H1..H6. A block that only holds other blocks (a wrapper) is
  not one, so its inner paragraphs keep their notes;
- fo:leader, fo:page-number, fo:page-number-citation(-last), graphics
  (fo:external-graphic, fo:instream-foreign-object) contribute no text.

Usage:
  fowords.py FO_FILE                     print the text as one line
  fowords.py --compare FO_FILE WORDS     compare with a words file (pdfcheck.py --words-out)

The comparison is on normalized strings: all whitespace, '-', U+2010 and U+00AD are
removed, so line breaks and hyphenation do not matter. On a difference it prints the
first one with about 60 characters of context on each side (both sides) and exits 1.
Exit status: 0 same (or text printed), 1 different, 2 usage error or unreadable input.
"""

import re
import sys
import xml.etree.ElementTree as ET

FO = "{http://www.w3.org/1999/XSL/Format}"
SKIP = {FO + t for t in ("static-content", "layout-master-set", "declarations", "title",
                         "bookmark-tree", "marker")}
NO_TEXT = {FO + t for t in ("leader", "page-number", "page-number-citation",
                            "page-number-citation-last", "external-graphic",
                            "instream-foreign-object", "retrieve-marker",
                            "retrieve-table-marker")}
INLINE = {FO + t for t in ("inline", "basic-link", "wrapper", "character", "footnote",
                           "page-number", "page-number-citation", "page-number-citation-last",
                           "leader", "external-graphic", "instream-foreign-object",
                           "bidi-override", "inline-container")}
HEADING_ROLES = {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6"}
CONTEXT = 60


def is_paragraph(el):
    """A paragraph or heading: a block with text or inline content of its own, or an
    element given the role of one."""
    if el.get("role") in HEADING_ROLES:
        return True
    if el.tag != FO + "block":
        return False
    if el.text and el.text.strip():
        return True
    for c in el:
        if c.tag in INLINE or (c.tail and c.tail.strip()):
            return True
    return False


def fo_text(root):
    """The reading-order text of the FO document ROOT (an Element), one string."""
    out = []
    # notes waiting for the end of their paragraph: paragraph element -> [texts]
    pending = {}

    def walk(el, para):
        """Append EL's text; PARA is the outermost paragraph holding EL (or None)."""
        if el.tag in SKIP or (el.get("role") or "").lower() == "artifact":
            return
        if el.tag in NO_TEXT:
            return
        if el.tag == FO + "footnote":
            # the anchor (an inline) in place, the body after the paragraph
            host = para
            for c in el:
                if c.tag == FO + "footnote-body":
                    buf = []
                    collect(c, buf)
                    note = "".join(buf)
                    if host is None:
                        out.append(" " + note + " ")
                    else:
                        pending.setdefault(id(host), []).append(note)
                else:
                    walk(c, para)
            return
        mine = para
        if para is None and is_paragraph(el):
            mine = el
        if el.tag == FO + "character":
            out.append(el.get("character", ""))
        block = el.tag not in INLINE
        if block:
            out.append(" ")
        if el.text:
            out.append(el.text)
        for c in el:
            walk(c, mine)
            if c.tail:
                out.append(c.tail)
        if block:
            out.append(" ")
        if mine is el and para is None:
            for note in pending.pop(id(el), []):
                out.append(" " + note + " ")

    def collect(el, buf):
        """A footnote body's text (it has no notes of its own)."""
        saved = out[:]
        del out[:]
        walk_body(el)
        buf.append("".join(out))
        out[:] = saved

    def walk_body(el):
        out.append(" ")
        if el.text:
            out.append(el.text)
        for c in el:
            walk(c, None)
            if c.tail:
                out.append(c.tail)
        out.append(" ")

    for seq in root.iter(FO + "page-sequence"):
        for flow in seq:
            if flow.tag == FO + "flow":
                walk(flow, None)
    return " ".join("".join(out).split())


# white space, hyphens, and the invisible format characters a PDF does not draw (bidi
# isolates and marks, zero-width spaces and joiners, the word joiner)
STRIP = re.compile("[\\s\\-\u2010\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")


def normalize(s):
    return STRIP.sub("", s)


def compare(fo_path, words_path):
    want = normalize(fo_text(ET.parse(fo_path).getroot()))
    with open(words_path, encoding="utf-8") as f:
        got = normalize(f.read())
    if want == got:
        print("fowords: %s: %d characters, same reading order" % (words_path, len(want)))
        return 0
    i = 0
    n = min(len(want), len(got))
    while i < n and want[i] == got[i]:
        i += 1
    lo = max(0, i - CONTEXT)
    print("fowords: %s differs from %s at normalized character %d (of %d expected, %d found)"
          % (words_path, fo_path, i, len(want), len(got)))
    print("  FO:  ...%s[%s]%s..." % (want[lo:i], want[i:i + 1], want[i + 1:i + 1 + CONTEXT]))
    print("  PDF: ...%s[%s]%s..." % (got[lo:i], got[i:i + 1], got[i + 1:i + 1 + CONTEXT]))
    return 1


def main(argv):
    try:
        if len(argv) == 4 and argv[1] == "--compare":
            return compare(argv[2], argv[3])
        if len(argv) == 2 and not argv[1].startswith("-"):
            print(fo_text(ET.parse(argv[1]).getroot()))
            return 0
    except (OSError, ET.ParseError) as e:
        print("fowords: %s" % e, file=sys.stderr)
        return 2
    usage = __doc__[__doc__.index("Usage:"):]
    print(usage[:usage.index("\n\n")], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
