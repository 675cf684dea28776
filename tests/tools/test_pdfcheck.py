#!/usr/bin/python3
"""Self-tests of tests/tools/pdfcheck.py.

Builds small tagged PDFs from scratch with pikepdf: one good file that passes
every check up to --level a2, and broken variants, each of which must be
caught by the check named for it (and by no other, unless listed). Also checks
the reading-order text, the words, the outline listing and the exit codes.

Run by tests/e2e/pdfcheck_selftest.sh. PDFCHECK names the checker to test
(default: pdfcheck.py next to this file); the e2e script also runs this suite
against a checker that passes everything, which must make it fail.
PDFCHECK_KEEP=1 keeps the PDFs it builds (in a pdfcheck-* folder of TMPDIR).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import pikepdf
from pikepdf import Array, Dictionary, Name, String

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.environ.get("PDFCHECK", os.path.join(HERE, "pdfcheck.py"))
PY = sys.executable

HYPHEN = "\u2010"


def hx(text):
    """A PDF hex string of 2-byte codes, the code of each character its code point."""
    return b"<" + text.encode("utf-16-be").hex().encode() + b">"


def run_text(x, y, size, text):
    return b"BT /F1 %d Tf %d %d Td %s Tj ET " % (size, x, y, hx(text))


def tounicode():
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Test-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            b"1 beginbfchar <2010> <2010> endbfchar\n"
            b"1 beginbfrange <0020> <007E> <0020> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end\n")


def fake_icc():
    """The 128-byte header of an RGB display profile (enough for the checker)."""
    h = bytearray(128)
    h[0:4] = (128).to_bytes(4, "big")
    h[8:12] = bytes([2, 0x10, 0, 0])
    h[12:16] = b"mntr"
    h[16:20] = b"RGB "
    h[20:24] = b"XYZ "
    h[36:40] = b"acsp"
    return bytes(h)


def xmp(title="Test report", extension=True):
    ext = """
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>the part of PDF/UA</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>""" if extension else ""
    return ("""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"
    pdf:Producer="test_pdfcheck" xmp:CreatorTool="pikepdf by hand">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>mspdoc tests</rdf:li></rdf:Seq></dc:creator>
   <xmp:CreateDate>2025-10-08T00:00:00Z</xmp:CreateDate>
   <xmp:ModifyDate>2025-10-08T02:00:00+02:00</xmp:ModifyDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>A</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>%s
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""" % (title, ext)).encode("utf-8")


def build(path, v="good"):
    """Write the good test PDF, or its variant v, to path."""
    pdf = pikepdf.new()
    ind = pdf.make_indirect

    # a Type0 Identity-H font: its "program" is a stand-in (no checker reads it)
    desc = Dictionary(Type=Name.FontDescriptor, FontName=Name("/Test-Sans"), Flags=32,
                      FontBBox=Array([0, -200, 1000, 900]), ItalicAngle=0, Ascent=900,
                      Descent=-200, CapHeight=700, StemV=80)
    if v != "not_embedded":
        desc.FontFile2 = pdf.make_stream(b"\0" * 64)
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/Test-Sans"),
                     CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"),
                                              Supplement=0),
                     FontDescriptor=ind(desc), DW=500, CIDToGIDMap=Name.Identity)
    font = ind(Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/Test-Sans"),
                          Encoding=Name("/Identity-H"), DescendantFonts=Array([ind(cid)]),
                          ToUnicode=pdf.make_stream(tounicode())))
    resources = Dictionary(Font=Dictionary(F1=font))

    # page 1: header artifact, a heading, a paragraph over two lines with a link, a figure
    art_type = b"/Decoration" if v == "artifact_type" else b"/Pagination"
    c1 = b"/Artifact << /Type %s /Subtype /Header >> BDC " % art_type + run_text(72, 800, 9, "hdr") + b"EMC\n"
    c1 += b"/H1 << /MCID 0 >> BDC " + run_text(72, 740, 18, "Report") + b"EMC\n"
    c1 += b"/Span << /MCID 1 >> BDC " + run_text(72, 700, 12, "Hello co" + HYPHEN) + b"EMC\n"
    # 18 characters of 6 pt: 'operation, see the' ends at 180; a space, then 'site' and '.'
    c1 += b"/Span << /MCID 2 >> BDC " + run_text(72, 686, 12, "operation, see the") + b"EMC\n"
    c1 += b"/Span << /MCID 3 >> BDC " + run_text(186, 686, 12, "site") + b"EMC\n"
    c1 += b"/Span << /MCID 4 >> BDC " + run_text(210, 686, 12, ".") + b"EMC\n"
    c1 += b"/Figure << /MCID 5 >> BDC q 0 0 1 rg 72 500 100 100 re f Q EMC\n"
    c1 += b"/H << /MCID 6 >> BDC " + run_text(72, 460, 14, "Details") + b"EMC\n"
    if v == "mcid_orphan":
        c1 += b"/Span << /MCID 7 >> BDC " + run_text(72, 440, 12, "orphan") + b"EMC\n"
    if v == "unmarked_text":
        c1 += run_text(72, 440, 12, "stray")
    if v == "mcid_in_artifact":
        c1 += b"/Artifact << /Type /Layout >> BDC /Span << /MCID 7 >> BDC " + run_text(72, 440, 12, "x") + b"EMC EMC\n"
    if v == "unmapped_code":
        c1 += b"/Artifact << /Type /Layout >> BDC " + run_text(72, 420, 12, "caf\u00e9") + b"EMC\n"
    # page 2: a paragraph ending in a hyphen before a capital, its note, a footer
    c2 = b"/P << /MCID 0 >> BDC " + run_text(72, 740, 12, "Second page, part" + HYPHEN) + b"EMC\n"
    c2 += b"/P << /MCID 2 >> BDC " + run_text(72, 726, 12, "Two") + b"EMC\n"
    c2 += b"/Note << /MCID 1 >> BDC " + run_text(72, 100, 9, "1 A note.") + b"EMC\n"
    c2 += b"/Artifact << /Type /Pagination /Subtype /Footer >> BDC " + run_text(290, 40, 9, "2") + b"EMC\n"

    pages = []
    for content in (c1, c2):
        page = ind(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 595, 842]),
                              Resources=resources, Contents=pdf.make_stream(content)))
        pdf.pages.append(pikepdf.Page(page))
    p1, p2 = (p.obj for p in pdf.pages)
    pages = [p1, p2]

    annot = ind(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([186, 683, 210, 697]),
                           Border=Array([0, 0, 0]), F=0 if v == "annot_hidden" else 4,
                           A=Dictionary(S=Name.URI, URI=String("https://example.org/"))))
    if v != "link_no_contents":
        annot.Contents = String("Example site")
    if v != "annot_no_structparent":
        annot.StructParent = 2
    p1.Annots = Array([annot])
    p1.Tabs = Name.S
    p1.StructParents = 0
    p2.StructParents = 1

    # the structure tree
    def elem(s, kids, pg=None, **kw):
        d = Dictionary(Type=Name.StructElem, S=Name("/" + s), K=kids, **kw)
        if pg is not None:
            d.Pg = pg
        return ind(d)

    def mcr(n, pg):
        return Dictionary(Type=Name.MCR, MCID=n, Pg=pg)

    h1 = elem("H1", 0, p1)
    link = elem("Link", Array([mcr(3, p1), Dictionary(Type=Name.OBJR, Obj=annot, Pg=p1)]))
    para = elem("Para" if v == "rolemap_cycle" else "P", Array([mcr(1, p1), mcr(2, p1), link, mcr(4, p1)]))
    fig_kw = {} if v == "figure_no_alt" else {"Alt": String("A blue square")}
    fig = elem("Figure", Array([mcr(5, p1)]), **fig_kw)
    h2 = elem("H3" if v == "heading_skip" else "H2", 6)          # /Pg from Document
    para2 = elem("P", Array([0, 2]), p2)
    note_kw = {} if v == "note_no_id" else {"ID": String("note-1")}
    note = elem("Note", 1, p2, **note_kw)
    doc = elem("Document", Array([h1, para, fig, h2, para2, note]), p1)
    for e in (h1, para, fig, h2, para2, note):
        e.P = doc
    link.P = para
    root = ind(Dictionary(Type=Name.StructTreeRoot, K=Array([doc])))
    doc.P = root
    if v == "rolemap_cycle":
        root.RoleMap = Dictionary(Para=Name("/Para2"), Para2=Name("/Para"))
    p1_items = [h1, para, para, link, para, fig, h2]
    if v == "parenttree_wrong":
        p1_items[1] = h1
    root.ParentTree = ind(Dictionary(Kids=Array([
        ind(Dictionary(Limits=Array([0, 1]), Nums=Array([0, Array(p1_items), 1, Array([para2, note, para2])]))),
        ind(Dictionary(Limits=Array([2, 2]), Nums=Array([2, link]))),
    ])))
    root.ParentTreeNextKey = 3

    cat = pdf.Root
    cat.StructTreeRoot = root
    if v != "no_markinfo":
        cat.MarkInfo = Dictionary(Marked=True)
    if v != "no_lang":
        cat.Lang = String("en-GB")
    cat.ViewerPreferences = Dictionary(DisplayDocTitle=v != "no_displaydoctitle")

    # outline: Report (page 1) > Details (page 1, by a named destination in the
    # /Names tree), Second (page 2, by a name in the catalog's /Dests)
    outlines = ind(Dictionary(Type=Name.Outlines))
    o1 = ind(Dictionary(Title=String("Report"), Parent=outlines,
                        Dest=Array([p1, Name.XYZ, 72, 760, 0])))
    o11 = ind(Dictionary(Title=String("Details"), Parent=o1, Dest=String("details")))
    o2 = ind(Dictionary(Title=String("Second"), Parent=outlines,
                        Dest=Name("/nosuch" if v == "outline_missing_dest" else "/second")))
    o1.First = o1.Last = o11
    o1.Count = 1
    o1.Next = o2
    o2.Prev = o1
    outlines.First, outlines.Last, outlines.Count = o1, o2, 3
    cat.Outlines = outlines
    cat.Names = Dictionary(Dests=ind(Dictionary(Names=Array([String("details"), Array([p1, Name.Fit])]))))
    cat.Dests = ind(Dictionary(second=Array([p2, Name.Fit])))

    # metadata
    cat.Metadata = pdf.make_stream(xmp("Another title" if v == "xmp_title" else "Test report",
                                       extension=v != "pdfa_xmp_no_ext"),
                                   Type=Name.Metadata, Subtype=Name.XML)
    pdf.trailer.Info = ind(Dictionary(
        Title=String("Test report"), Author=String("mspdoc tests"), Producer=String("test_pdfcheck"),
        Creator=String("pikepdf by hand"), CreationDate=String("D:20251008000000Z"),
        ModDate=String("D:20251008000000+00'00'")))
    if v != "pdfa_no_intent":
        cat.OutputIntents = Array([Dictionary(
            Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String("sRGB"),
            DestOutputProfile=pdf.make_stream(fake_icc(), N=3))])
    pdf.save(path, static_id=True)
    if v == "damaged":
        with open(path, "rb") as fh:
            data = fh.read()
        with open(path, "wb") as fh:
            fh.write(re.sub(rb"startxref\s+\d+", b"startxref\n999999", data))


# variant -> the checks that must fail (at --level a2), no more, no fewer
VARIANTS = {
    "mcid_orphan": {"mcid"},
    "unmarked_text": {"marked"},
    "mcid_in_artifact": {"marked", "mcid"},
    "figure_no_alt": {"figure-alt"},
    "no_lang": {"lang"},
    "xmp_title": {"xmp"},
    "annot_no_structparent": {"mcid"},
    "outline_missing_dest": {"outline"},
    "heading_skip": {"headings"},
    "unmapped_code": {"fonts"},
    "not_embedded": {"fonts"},
    "artifact_type": {"artifact"},
    "link_no_contents": {"link"},
    "rolemap_cycle": {"structtree"},
    "note_no_id": {"notes"},
    "no_displaydoctitle": {"displaydoctitle"},
    "no_markinfo": {"markinfo"},
    "parenttree_wrong": {"mcid"},
    "pdfa_no_intent": {"outputintent"},
    "pdfa_xmp_no_ext": {"pdfa-xmp"},
    "annot_hidden": {"pdfa-misc"},
    "damaged": {"qpdf"},
}


def check(*args):
    r = subprocess.run([PY, CHECKER] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def failed_checks(out, path):
    names = set()
    for line in out.splitlines():
        m = re.match(re.escape(path) + r": ([a-z0-9-]+): ", line)
        if m and not line.endswith(": ok"):
            names.add(m.group(1))
    return names


class PdfCheckTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pdfcheck-")
        cls.good = os.path.join(cls.tmp, "good.pdf")
        build(cls.good)

    @classmethod
    def tearDownClass(cls):
        if not os.environ.get("PDFCHECK_KEEP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_good_passes_everything(self):
        rc, out, err = check("--level", "a2", "--conformance", "a", "-v", self.good)
        self.assertEqual(failed_checks(out, self.good), set(), out + err)
        self.assertEqual(rc, 0, out + err)
        # -v names every check it ran
        self.assertIn(self.good + ": mcid: ok", out)
        self.assertIn(self.good + ": qpdf: ok", out)

    def test_variants_are_caught(self):
        for v, want in sorted(VARIANTS.items()):
            with self.subTest(variant=v):
                path = os.path.join(self.tmp, v + ".pdf")
                build(path, v)
                rc, out, err = check("--level", "a2", path)
                self.assertEqual(failed_checks(out, path), want, out + err)
                self.assertEqual(rc, 1, out + err)

    def test_levels_and_selection(self):
        path = os.path.join(self.tmp, "sel.pdf")
        build(path, "pdfa_no_intent")
        self.assertEqual(check(path)[0], 0)                       # default level ua
        self.assertEqual(check("--level", "a2", path)[0], 1)
        self.assertEqual(check("--level", "a2", "--skip", "outputintent", path)[0], 0)
        path = os.path.join(self.tmp, "sel2.pdf")
        build(path, "no_lang")
        self.assertEqual(check("--level", "valid", path)[0], 0)
        self.assertEqual(check("--only", "mcid,marked", path)[0], 0)
        rc, out, _ = check("--only", "lang", path)
        self.assertEqual((rc, failed_checks(out, path)), (1, {"lang"}))

    def test_usage_errors(self):
        self.assertEqual(check()[0], 2)
        self.assertEqual(check("--only", "nosuch", self.good)[0], 2)
        self.assertEqual(check("--level", "zz", self.good)[0], 2)
        self.assertEqual(check("--outline", self.good, self.good)[0], 2)

    def test_outline_listing(self):
        rc, out, err = check("--outline", "--only", "outline", self.good)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, "1\tReport\t1\n2\tDetails\t1\n1\tSecond\t2\n")

    def test_reading_order_text_and_words(self):
        text = os.path.join(self.tmp, "good.txt")
        words = os.path.join(self.tmp, "good.words")
        rc, out, err = check("--only", "qpdf", "--text-out", text, "--words-out", words, self.good)
        self.assertEqual(rc, 0, out + err)
        with open(text, encoding="utf-8") as fh:
            self.assertEqual(fh.read(), "Report\nHello co\u2010 operation, see the site.\nDetails\n"
                                        "Second page, part\u2010 Two\n1 A note.\n")
        with open(words, encoding="utf-8") as fh:
            self.assertEqual(fh.read().split("\n"),
                             ["Report", "Hello", "cooperation,", "see", "the", "site.", "Details",
                              "Second", "page,", "part\u2010", "Two", "1", "A", "note.", ""])

    def test_not_a_pdf(self):
        path = os.path.join(self.tmp, "junk.pdf")
        with open(path, "wb") as fh:
            fh.write(b"this is not a PDF\n")
        rc, out, _ = check(path)
        self.assertEqual(rc, 1, out)
        self.assertIn("qpdf", failed_checks(out, path))


class HelperTest(unittest.TestCase):
    """The parsers inside the checker (imported, so only for the real checker)."""

    @classmethod
    def setUpClass(cls):
        import importlib.util
        spec = importlib.util.spec_from_file_location("pdfcheck", CHECKER)
        cls.m = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(cls.m)
        except SystemExit as exc:   # a checker that exits on import must not end the suite
            raise AssertionError("importing %s exited (%s)" % (CHECKER, exc.code)) from None

    def test_dates(self):
        m = self.m
        utc = m.parse_iso_date("2025-10-08T00:00:00Z")
        for d in ("D:20251008000000Z", "D:20251008000000Z'", "D:20251008000000Z00'00'",
                  "D:20251008020000+02'00'", "D:20251007220000-02'00", "D:20251008000000+00'00'"):
            self.assertEqual(m.parse_pdf_date(d), utc, d)
        self.assertEqual(m.parse_iso_date("2025-10-08T02:00:00+02:00"), utc)
        self.assertNotEqual(m.parse_pdf_date("D:20251008000001Z"), utc)
        self.assertIsNone(m.parse_pdf_date("D:2025-10-08"))
        self.assertIsNone(m.parse_pdf_date("D:20251308000000Z"))
        self.assertIsNone(m.parse_pdf_date("D:20251008000000").tzinfo)

    def test_lang(self):
        for ok in ("en", "fr", "en-GB", "zh-Hant-TW", "es-419", "x-private"):
            self.assertTrue(self.m.LANG_RE.match(ok), ok)
        for bad in ("", "english", "en_GB", "e", "en-"):
            self.assertFalse(self.m.LANG_RE.match(bad), bad)

    def test_tounicode_ranges(self):
        cmap = (b"2 beginbfchar <0003> <0020> <0010><00660069> endbfchar\n"
                b"1 beginbfrange <0020> <0022> [<0041> <0042> <0043>] endbfrange\n"
                b"1 beginbfrange <00A0>\n<00AF> <00A0> endbfrange")
        r = self.m.parse_tounicode(cmap)
        for c in (3, 0x10, 0x20, 0x22, 0xA0, 0xAF):
            self.assertTrue(self.m.mapped(r, c, 2), hex(c))
        for c in (4, 0x23, 0xB0):
            self.assertFalse(self.m.mapped(r, c, 2), hex(c))
        self.assertFalse(self.m.mapped(r, 3, 1))


if __name__ == "__main__":
    unittest.main()
