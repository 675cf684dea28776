#!/usr/bin/python3
"""pdfcheck: an independent checker for the tagged PDFs mspdoc writes.

The test suite uses it to verify, without trusting the engine, that a PDF is
sound (qpdf), follows the machine-checkable parts of PDF/UA-1 (tagging,
marked content and the parent tree agreeing both ways, artifacts, alt text,
links, fonts, metadata, headings, notes) and, with --level a2, the parts of
PDF/A-2 that are cheap to check (XMP identification, output intent, forbidden
features). It is not a full validator: docs/pdf-checking.md says what it
covers and what it does not.

Usage: pdfcheck.py [options] FILE.pdf...
Prints one line per failed check, `FILE: check-name: what is wrong` (with -v,
`FILE: check-name: ok` for each passed one). Exit status: 0 all selected checks
pass, 1 some check failed, 2 usage error, 3 the checker itself failed on a
check (a bug here, or a PDF it cannot read).

It can also write the text of the structure tree in reading order
(--text-out), its words (--words-out) and the outline (--outline).

Dependencies: pikepdf, pdfminer.six and the qpdf command, nothing else.
"""

import argparse
import datetime
import functools
import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

import pikepdf

# ---------------------------------------------------------------- constants

STANDARD_TYPES = set("""
Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
Figure Formula Form""".split())

# elements whose text is a line (or more) of its own in the reading-order text
BLOCK_TYPES = set("""
Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Table TR TH TD THead TBody TFoot Note BibEntry
Figure Formula Form""".split())

LEVELS = ("valid", "ua", "a2")

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}
CONTENT_OPS = TEXT_OPS | PAINT_OPS | {"Do", "sh", "INLINE IMAGE"}

ARTIFACT_TYPES = {"Pagination", "Layout", "Page", "Background"}
PAGINATION_SUBTYPES = {"Header", "Footer", "Watermark"}

# PDF/A-2 (ISO 19005-2, 6.5.1): actions a conforming file shall not use
FORBIDDEN_ACTIONS = {"Launch", "Sound", "Movie", "ResetForm", "ImportData",
                     "JavaScript", "Hide", "SetOCGState", "Rendition", "Trans",
                     "GoTo3DView"}
ALLOWED_NAMED = {"NextPage", "PrevPage", "FirstPage", "LastPage"}

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# a plausible BCP 47 tag: language[-script][-region](-variant)*, or private use
LANG_RE = re.compile(r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
                     r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*|x(?:-[A-Za-z0-9]{1,8})+)$")

HYPHENS = ("-", "\u2010", "\u00ad")
MAX_MESSAGES = 20   # per check and file; the rest is counted


# ---------------------------------------------------------------- small helpers

def name_of(obj):
    """'/Foo' -> 'Foo' for a pikepdf Name, else None."""
    if isinstance(obj, pikepdf.Name):
        return str(obj)[1:]
    return None


def text_of(obj):
    """The str of a pikepdf String, else None."""
    if isinstance(obj, pikepdf.String):
        return str(obj)
    return None


def key(obj):
    """Identity of an indirect object (object, generation), None for direct ones."""
    try:
        return obj.objgen if obj.is_indirect else None
    except AttributeError:
        return None


def show(obj):
    """A short PDF-like rendering of a value for messages."""
    if obj is None:
        return "missing"
    if isinstance(obj, pikepdf.Name):
        return str(obj)
    if isinstance(obj, pikepdf.String):
        return "(%s), a string" % obj
    if isinstance(obj, (bool, int, float)):
        return str(obj).lower() if isinstance(obj, bool) else str(obj)
    return "a %s" % type(obj).__name__


def is_dict(obj):
    return isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream))


def as_list(obj):
    """An array's items, a single object as a one-item list, None as []."""
    if obj is None:
        return []
    if isinstance(obj, pikepdf.Array):
        return list(obj)
    return [obj]


def number_tree(node, out=None, seen=None):
    """Flatten a number tree (/Nums, /Kids) into {int: value}."""
    out = {} if out is None else out
    seen = set() if seen is None else seen
    if not is_dict(node) or key(node) in seen and key(node) is not None:
        return out
    seen.add(key(node))
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        for i in range(0, len(nums) - 1, 2):
            if isinstance(nums[i], int):
                out[int(nums[i])] = nums[i + 1]
    for kid in as_list(node.get("/Kids")):
        number_tree(kid, out, seen)
    return out


def name_tree(node, out=None, seen=None):
    """Flatten a name tree (/Names, /Kids) into {str: value}."""
    out = {} if out is None else out
    seen = set() if seen is None else seen
    if not is_dict(node) or key(node) in seen and key(node) is not None:
        return out
    seen.add(key(node))
    names = node.get("/Names")
    if isinstance(names, pikepdf.Array):
        for i in range(0, len(names) - 1, 2):
            k = names[i]
            if isinstance(k, pikepdf.String):
                out[bytes(k)] = names[i + 1]
    for kid in as_list(node.get("/Kids")):
        name_tree(kid, out, seen)
    return out


def parse_pdf_date(s):
    """D:YYYYMMDDHHmmSS[Z|+HH'mm'] -> datetime (aware when a zone is given)."""
    m = re.match(r"^(?:D:)?(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?"
                 r"(?:(Z)'?(?:00'?(?:00'?)?)?|([+-])(\d\d)'?(?:(\d\d)'?)?)?$", s.strip())
    if not m:
        return None
    y, mo, d, h, mi, sec = (int(v) if v else dflt for v, dflt in
                            zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    tz = None
    if m.group(7):
        tz = datetime.timezone.utc
    elif m.group(8):
        off = datetime.timedelta(hours=int(m.group(9)), minutes=int(m.group(10) or 0))
        tz = datetime.timezone(off if m.group(8) == "+" else -off)
    try:
        return datetime.datetime(y, mo, d, h, mi, sec, tzinfo=tz)
    except ValueError:
        return None


def parse_iso_date(s):
    """ISO 8601 as XMP uses it -> datetime (aware when a zone is given)."""
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?"
                 r"(Z|[+-]\d\d:\d\d)?)?)?)?$", s.strip())
    if not m:
        return None
    y, mo, d, h, mi, sec = (int(v) if v else dflt for v, dflt in
                            zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    z = m.group(7)
    tz = None
    if z == "Z":
        tz = datetime.timezone.utc
    elif z:
        off = datetime.timedelta(hours=int(z[1:3]), minutes=int(z[4:6]))
        tz = datetime.timezone(off if z[0] == "+" else -off)
    try:
        return datetime.datetime(y, mo, d, h, mi, sec, tzinfo=tz)
    except ValueError:
        return None


def parse_tounicode(data):
    """The source codes a ToUnicode CMap maps: a list of (low, high, nbytes)."""
    text = data.decode("latin-1")
    text = re.sub(r"%[^\r\n]*", "", text)
    ranges = []
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, _dst in re.findall(r"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>", block):
            src = re.sub(r"\s", "", src)
            if src:
                c = int(src, 16)
                ranges.append((c, c, (len(src) + 1) // 2))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi in re.findall(r"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>\s*(?:<[0-9A-Fa-f\s]*>|\[[^\]]*\])",
                                 block):
            lo, hi = re.sub(r"\s", "", lo), re.sub(r"\s", "", hi)
            if lo and hi:
                ranges.append((int(lo, 16), int(hi, 16), (len(lo) + 1) // 2))
    return ranges


def mapped(ranges, code, nbytes):
    return any(lo <= code <= hi and n == nbytes for lo, hi, n in ranges)


# ---------------------------------------------------------------- the document model

class Elem:
    """A structure element met in the depth-first walk of the structure tree."""

    def __init__(self, obj, parent, page):
        self.obj = obj
        self.parent = parent
        self.stype = name_of(obj.get("/S"))
        self.role = None          # the standard type it maps to (None: none)
        self.page = page          # index of /Pg, inherited from the nearest ancestor
        self.kids = []            # ('elem', Elem) | ('mcid', page, n) | ('objr', obj)

    def describe(self):
        k = key(self.obj)
        where = "%d %d R" % k if k else "direct"
        return "%s (%s)" % (self.stype or "?", where)


class Doc:
    """A PDF opened with pikepdf, and what the checks share about it."""

    def __init__(self, path):
        self.path = path
        self.pdf = pikepdf.open(path)
        self.root = self.pdf.Root
        self.pages = [p.obj for p in self.pdf.pages]
        self.page_index = {key(p): i for i, p in enumerate(self.pages)}

    # ---- structure tree
    @functools.cached_property
    def struct_root(self):
        sr = self.root.get("/StructTreeRoot")
        return sr if is_dict(sr) else None

    @functools.cached_property
    def rolemap(self):
        rm = self.struct_root.get("/RoleMap") if self.struct_root is not None else None
        out = {}
        if is_dict(rm):
            for k, v in rm.items():
                out[k[1:]] = name_of(v)
        return out

    def resolve_role(self, stype):
        """(standard type or None, problem or None) for a structure type."""
        if stype is None:
            return None, None
        if stype in STANDARD_TYPES:
            # a standard type mapped elsewhere is refused; its own meaning stays
            if stype in self.rolemap and self.rolemap[stype] != stype:
                return stype, "standard type %s is role-mapped to %s" % (stype, self.rolemap[stype])
            return stype, None
        seen = [stype]
        t = stype
        while t not in STANDARD_TYPES:
            t = self.rolemap.get(t)
            if t is None:
                return None, "type %s does not map to a standard type (%s)" % (stype, " -> ".join(seen))
            if t in seen:
                return None, "circular role mapping %s" % " -> ".join(seen + [t])
            seen.append(t)
        return t, None

    @functools.cached_property
    def tree(self):
        """Walk the structure tree: elements, MCID claims, OBJRs, problems, events."""
        elems, claims, objrs, problems, events = [], [], [], [], []
        if self.struct_root is None:
            return elems, claims, objrs, problems, events
        seen = set()

        def page_of(d, inherited):
            pg = d.get("/Pg")
            if pg is None:
                return inherited
            idx = self.page_index.get(key(pg))
            if idx is None:
                problems.append("/Pg of %s is not a page of the document" % d.get("/S", "an MCR"))
            return idx

        def walk(obj, parent, page, depth):
            k = key(obj)
            if k is not None:
                if k in seen:
                    problems.append("structure element %d %d R is reached twice (a cycle or shared kid)" % k)
                    return
                seen.add(k)
            if depth > 200:
                problems.append("structure tree deeper than 200")
                return
            e = Elem(obj, parent, page_of(obj, page))
            e.role, problem = self.resolve_role(e.stype)
            if problem:
                problems.append("%s: %s" % (e.describe(), problem))
            elems.append(e)
            events.append(("start", e))
            for kid in as_list(obj.get("/K")):
                if isinstance(kid, int):
                    e.kids.append(("mcid", e.page, int(kid)))
                    claims.append((e, e.page, int(kid)))
                    events.append(("mcid", e.page, int(kid)))
                elif is_dict(kid):
                    t = name_of(kid.get("/Type"))
                    if t == "MCR":
                        mcid = kid.get("/MCID")
                        if "/Stm" in kid:
                            problems.append("%s: MCR into a content stream other than the page's "
                                            "(/Stm) is not supported by this checker" % e.describe())
                            continue
                        if not isinstance(mcid, int):
                            problems.append("%s: MCR without an integer /MCID" % e.describe())
                            continue
                        pg = page_of(kid, e.page)
                        e.kids.append(("mcid", pg, int(mcid)))
                        claims.append((e, pg, int(mcid)))
                        events.append(("mcid", pg, int(mcid)))
                    elif t == "OBJR":
                        e.kids.append(("objr", kid.get("/Obj")))
                        objrs.append((e, kid.get("/Obj")))
                    elif "/S" in kid or t == "StructElem":
                        child = walk(kid, e, e.page, depth + 1)
                        if child is not None:
                            e.kids.append(("elem", child))
                    else:
                        problems.append("%s: a kid that is neither an element, an MCR nor an OBJR"
                                        % e.describe())
                elif kid is not None:
                    problems.append("%s: a kid of unexpected type %s" % (e.describe(), type(kid).__name__))
            events.append(("end", e))
            return e

        for top in as_list(self.struct_root.get("/K")):
            if is_dict(top):
                walk(top, None, None, 0)
            else:
                problems.append("StructTreeRoot /K holds something other than an element")
        return elems, claims, objrs, problems, events

    @functools.cached_property
    def parent_tree(self):
        pt = self.struct_root.get("/ParentTree") if self.struct_root is not None else None
        return number_tree(pt) if is_dict(pt) else {}

    # ---- page content
    @functools.cached_property
    def content(self):
        """Scan every page's content stream (and the Form XObjects it draws)."""
        return [self._scan_page(i, p) for i, p in enumerate(self.pages)]

    def _scan_page(self, index, page):
        info = {
            "mcids": Counter(),         # MCID -> occurrences on the page
            "outside": Counter(),       # content operators outside any marked content
            "untagged": Counter(),      # inside marked content with neither MCID nor Artifact
            "problems": [],             # marked-content structure problems
            "artifacts": [],            # property dicts (or None) of /Artifact BDC/BMC
            "fonts": {},                # key -> (font dict, set of shown codes)
            "images": [],               # image dicts drawn (XObjects and inline)
        }
        try:
            instrs = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as exc:
            info["problems"].append("content stream does not parse: %s" % exc)
            return info
        self._scan(instrs, page.get("/Resources"), info, top=True, seen=set())
        return info

    def _scan(self, instrs, resources, info, top, seen):
        stack = []                  # (tag, mcid, artifact) of open marked content
        font_stack = [None]         # the font is part of the graphics state (q/Q)
        fonts = resources.get("/Font") if is_dict(resources) else None
        xobjects = resources.get("/XObject") if is_dict(resources) else None
        props = resources.get("/Properties") if is_dict(resources) else None
        for ins in instrs:
            op = str(ins.operator)
            ops = ins.operands
            if op == "q":
                font_stack.append(font_stack[-1])
            elif op == "Q":
                if len(font_stack) > 1:
                    font_stack.pop()
            elif op == "Tf" and ops and isinstance(ops[0], pikepdf.Name):
                f = fonts.get(ops[0]) if is_dict(fonts) else None
                if not is_dict(f):
                    info["problems"].append("font %s is not in the resources" % ops[0])
                    f = None
                font_stack[-1] = f
                if f is not None:
                    info["fonts"].setdefault(key(f) or id(f), (f, set()))
            elif op in ("BMC", "BDC"):
                tag = name_of(ops[0]) if ops else None
                pd = ops[1] if op == "BDC" and len(ops) > 1 else None
                if isinstance(pd, pikepdf.Name):
                    pd = props.get(pd) if is_dict(props) else None
                mcid = pd.get("/MCID") if is_dict(pd) else None
                mcid = int(mcid) if isinstance(mcid, int) else None
                artifact = tag == "Artifact"
                in_artifact = any(a for _, _, a in stack)
                in_mcid = next((m for _, m, _ in reversed(stack) if m is not None), None)
                if top:
                    if artifact:
                        info["artifacts"].append(pd if is_dict(pd) else None)
                        if in_mcid is not None:
                            info["problems"].append("an Artifact inside tagged content (MCID %d)" % in_mcid)
                    if mcid is not None:
                        info["mcids"][mcid] += 1
                        if artifact or in_artifact:
                            info["problems"].append("MCID %d is inside an Artifact" % mcid)
                        elif in_mcid is not None:
                            info["problems"].append("MCID %d is nested in MCID %d" % (mcid, in_mcid))
                stack.append((tag, mcid, artifact))
            elif op == "EMC":
                if stack:
                    stack.pop()
                elif top:
                    info["problems"].append("EMC without an open marked-content sequence")
            if op in CONTENT_OPS and top:
                if not stack:
                    info["outside"][op] += 1
                elif not any(a or m is not None for _, m, a in stack):
                    info["untagged"][op] += 1
            if op in TEXT_OPS and font_stack[-1] is not None:
                f = font_stack[-1]
                codes = info["fonts"].setdefault(key(f) or id(f), (f, set()))[1]
                strings = ops[-1:] if op != "TJ" else (list(ops[0]) if ops and isinstance(ops[0], pikepdf.Array) else [])
                nbytes = 2 if name_of(f.get("/Subtype")) == "Type0" else 1
                for s in strings:
                    if isinstance(s, pikepdf.String):
                        b = bytes(s)
                        for i in range(0, len(b) - nbytes + 1, nbytes):
                            codes.add(int.from_bytes(b[i:i + nbytes], "big"))
            elif op == "INLINE IMAGE":
                info["images"].append(ops[0].obj)
            elif op == "Do" and ops and is_dict(xobjects):
                x = xobjects.get(ops[0])
                if not isinstance(x, pikepdf.Stream):
                    info["problems"].append("XObject %s is not in the resources" % ops[0])
                    continue
                sub = name_of(x.get("/Subtype"))
                if sub == "Image":
                    info["images"].append(x)
                elif sub == "Form" and key(x) not in seen:
                    seen.add(key(x))
                    try:
                        sub_instrs = pikepdf.parse_content_stream(x)
                    except pikepdf.PdfError as exc:
                        info["problems"].append("form XObject %s does not parse: %s" % (ops[0], exc))
                        continue
                    self._scan(sub_instrs, x.get("/Resources", resources), info, top=False, seen=seen)
        if top and stack:
            info["problems"].append("%d marked-content sequence(s) not closed at the end of the page" % len(stack))

    def annotations(self):
        """(page index, annotation dict) for every annotation of every page."""
        for i, p in enumerate(self.pages):
            for a in as_list(p.get("/Annots")):
                if is_dict(a):
                    yield i, a

    # ---- metadata
    @functools.cached_property
    def info(self):
        info = self.pdf.trailer.get("/Info")
        out = {}
        if is_dict(info):
            for k, v in info.items():
                t = text_of(v)
                if t is not None:
                    out[k[1:]] = t
        return out

    @functools.cached_property
    def xmp(self):
        """(root element, None) or (None, problem)."""
        md = self.root.get("/Metadata")
        if not isinstance(md, pikepdf.Stream):
            return None, "the catalog has no /Metadata stream"
        try:
            data = md.read_bytes()
        except pikepdf.PdfError as exc:
            return None, "the /Metadata stream cannot be read: %s" % exc
        try:
            return ET.fromstring(data), None
        except ET.ParseError as exc:
            return None, "the /Metadata stream is not well-formed XML: %s" % exc


# ---------------------------------------------------------------- XMP access

def xmp_descriptions(root):
    return root.iter("{%s}Description" % NS["rdf"])


def xmp_value(root, prefix, name):
    """The value of an XMP property: str for simple ones, the x-default (or
    first) item of an Alt, the first of a Seq or Bag; None when absent."""
    qn = "{%s}%s" % (NS[prefix], name)
    for d in xmp_descriptions(root):
        if qn in d.attrib:
            return d.attrib[qn]
        el = d.find(qn)
        if el is None:
            continue
        for container in ("Alt", "Seq", "Bag"):
            c = el.find("{%s}%s" % (NS["rdf"], container))
            if c is not None:
                items = c.findall("{%s}li" % NS["rdf"])
                if not items:
                    return ""
                if container == "Alt":
                    for li in items:
                        if li.get(XML_LANG) == "x-default":
                            return li.text or ""
                return items[0].text or ""
        return el.text or ""
    return None


def xmp_uses_namespace(root, uri):
    for el in root.iter():
        if el.tag.startswith("{%s}" % uri) or any(a.startswith("{%s}" % uri) for a in el.attrib):
            return True
    return False


# ---------------------------------------------------------------- checks
# Each check takes (doc, opts) and returns a list of failure messages.

def check_qpdf(path, opts):
    try:
        r = subprocess.run(["qpdf", "--check", path], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120)
    except FileNotFoundError:
        return ["the qpdf command is not installed"]
    out = r.stdout.decode("utf-8", "replace").splitlines()
    warnings = [ln.strip() for ln in out if "WARNING" in ln or "ERROR" in ln]
    msgs = []
    if r.returncode == 3:
        msgs.append("qpdf --check found problems it could recover from (exit 3)")
    elif r.returncode != 0:
        msgs.append("qpdf --check failed (exit %d)" % r.returncode)
    elif warnings:
        msgs.append("qpdf --check printed warnings")
    if msgs:
        msgs += ["  " + w for w in warnings[:5]]
        if len(warnings) > 5:
            msgs.append("  ... %d more qpdf warning lines" % (len(warnings) - 5))
    return msgs


def check_markinfo(doc, opts):
    mi = doc.root.get("/MarkInfo")
    if not is_dict(mi):
        return ["the catalog has no /MarkInfo"]
    msgs = []
    if mi.get("/Marked") is not True:
        msgs.append("/MarkInfo /Marked is %s, not true" % show(mi.get("/Marked")))
    if mi.get("/Suspects") is True:
        msgs.append("/MarkInfo /Suspects is true")
    return msgs


def check_lang(doc, opts):
    msgs = []
    lang = doc.root.get("/Lang")
    t = text_of(lang)
    if lang is None:
        msgs.append("the catalog has no /Lang")
    elif t is None or not t.strip():
        msgs.append("the catalog /Lang is empty or not a string")
    elif not LANG_RE.match(t):
        msgs.append("the catalog /Lang %r is not a BCP 47 language tag" % t)
    for e in doc.tree[0]:
        el = e.obj.get("/Lang")
        if el is not None:
            t = text_of(el)
            if t is not None and t != "" and not LANG_RE.match(t):
                msgs.append("%s: /Lang %r is not a BCP 47 language tag" % (e.describe(), t))
    return msgs


def check_displaydoctitle(doc, opts):
    msgs = []
    vp = doc.root.get("/ViewerPreferences")
    if not is_dict(vp) or "/DisplayDocTitle" not in vp:
        msgs.append("/ViewerPreferences has no /DisplayDocTitle")
    elif vp.get("/DisplayDocTitle") is not True:
        msgs.append("/ViewerPreferences /DisplayDocTitle is %s, not true" % show(vp.get("/DisplayDocTitle")))
    title = doc.info.get("Title", "").strip()
    root, _ = doc.xmp
    if not title and root is not None:
        title = (xmp_value(root, "dc", "title") or "").strip()
    if not title:
        msgs.append("the document has no title (Info /Title or XMP dc:title)")
    return msgs


def check_structtree(doc, opts):
    sr = doc.struct_root
    if sr is None:
        return ["the catalog has no /StructTreeRoot"]
    msgs = []
    if name_of(sr.get("/Type")) != "StructTreeRoot":
        msgs.append("the StructTreeRoot's /Type is not /StructTreeRoot")
    if not is_dict(sr.get("/ParentTree")):
        msgs.append("the StructTreeRoot has no /ParentTree")
    elems, _, _, problems, _ = doc.tree
    if not elems:
        msgs.append("the structure tree has no elements")
    msgs += problems
    for e in elems:
        if e.stype is None:
            msgs.append("%s: structure element without /S" % e.describe())
        parent = e.obj.get("/P")
        want = e.parent.obj if e.parent is not None else sr
        if parent is None:
            msgs.append("%s: no /P" % e.describe())
        elif key(parent) != key(want) or key(want) is None:
            msgs.append("%s: /P is not its parent in the tree" % e.describe())
    return msgs


def check_nesting(doc, opts):
    """The nesting rules of PDF 1.7 14.8.4 for lists, tables and the TOC."""
    rules = {  # child role -> the parent roles it may have
        "LI": {"L"}, "LBody": {"LI"},
        "TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
        "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"},
        "TOCI": {"TOC"},
    }
    msgs = []
    for e in doc.tree[0]:
        allowed = rules.get(e.role)
        if allowed is None:
            continue
        prole = e.parent.role if e.parent is not None else None
        if prole not in allowed:
            msgs.append("%s is inside %s, not %s" % (e.describe(), prole or "the root",
                                                   " or ".join(sorted(allowed))))
    for e in doc.tree[0]:
        if e.role == "L":
            for kind, *rest in e.kids:
                if kind == "elem" and rest[0].role not in ("LI", "Caption", "L"):
                    msgs.append("%s: a list holds %s" % (e.describe(), rest[0].describe()))
    return msgs


def check_headings(doc, opts):
    """Numbered headings: the first is H1, no level skipped going down, no mix with H."""
    msgs = []
    levels = []
    plain = 0
    for e in doc.tree[0]:
        if e.role in ("H1", "H2", "H3", "H4", "H5", "H6"):
            levels.append((int(e.role[1]), e))
        elif e.role == "H":
            plain += 1
    if levels:
        if levels[0][0] != 1:
            msgs.append("the first heading is %s, not H1" % levels[0][1].describe())
        prev = levels[0][0]
        for lv, e in levels[1:]:
            if lv > prev + 1:
                msgs.append("%s follows an H%d (a level skipped)" % (e.describe(), prev))
            prev = lv
        if plain:
            msgs.append("both H and H1..H6 headings are used (%d H)" % plain)
    return msgs


def check_notes(doc, opts):
    msgs = []
    ids = Counter()
    for e in doc.tree[0]:
        if e.role == "Note":
            i = e.obj.get("/ID")
            if not isinstance(i, pikepdf.String) or not bytes(i):
                msgs.append("%s has no /ID" % e.describe())
            else:
                ids[bytes(i)] += 1
    for i, n in ids.items():
        if n > 1:
            msgs.append("%d Note elements share the /ID %r" % (n, i.decode("latin-1")))
    return msgs


def check_mcid(doc, opts):
    if doc.struct_root is None or not doc.parent_tree:
        n = sum(len(c["mcids"]) for c in doc.content)
        a = sum(1 for _, an in doc.annotations() if "/StructParent" in an)
        if n or a:
            return ["there is no structure tree or parent tree, yet %d MCID(s) on the pages and "
                    "%d annotation(s) with /StructParent point into it" % (n, a)]
    msgs = []
    elems, claims, objrs, _, _ = doc.tree
    ptree = doc.parent_tree
    by_mcid = defaultdict(list)
    for e, page, mcid in claims:
        if page is None:
            msgs.append("%s claims MCID %d with no /Pg (none on it or its ancestors)" % (e.describe(), mcid))
            continue
        by_mcid[(page, mcid)].append(e)
    content = doc.content
    # content -> tree
    for i, page in enumerate(doc.pages):
        mc = content[i]["mcids"]
        for mcid, n in sorted(mc.items()):
            if n > 1:
                msgs.append("page %d: MCID %d is used %d times" % (i + 1, mcid, n))
        if not mc:
            continue
        sp = page.get("/StructParents")
        arr = ptree.get(int(sp)) if isinstance(sp, int) else None
        if sp is None:
            msgs.append("page %d has marked content but no /StructParents" % (i + 1))
        elif not isinstance(arr, pikepdf.Array):
            msgs.append("page %d: ParentTree[%s] is not an array" % (i + 1, sp))
            arr = None
        for mcid in sorted(mc):
            owners = by_mcid.get((i, mcid), [])
            if not owners:
                msgs.append("page %d: MCID %d is not claimed by any structure element" % (i + 1, mcid))
            elif len(owners) > 1:
                msgs.append("page %d: MCID %d is claimed by %d elements: %s"
                            % (i + 1, mcid, len(owners), ", ".join(o.describe() for o in owners)))
            if arr is None:
                continue
            if mcid >= len(arr) or not is_dict(arr[mcid]):
                msgs.append("page %d: ParentTree[%s] has no element for MCID %d" % (i + 1, sp, mcid))
            elif owners and len(owners) == 1:
                if key(arr[mcid]) is None or key(arr[mcid]) != key(owners[0].obj):
                    msgs.append("page %d: ParentTree[%s][%d] is not %s, the element claiming it"
                                % (i + 1, sp, mcid, owners[0].describe()))
        if arr is not None:
            for n, item in enumerate(arr):
                if is_dict(item) and n not in mc:
                    msgs.append("page %d: ParentTree[%s][%d] names an element but the page has no MCID %d"
                                % (i + 1, sp, n, n))
    # tree -> content
    for (page, mcid), owners in sorted(by_mcid.items()):
        if mcid not in content[page]["mcids"]:
            msgs.append("%s claims MCID %d on page %d, which has no such marked content"
                        % (owners[0].describe(), mcid, page + 1))
    # annotations <-> OBJR
    annot_keys = {}
    for i, a in doc.annotations():
        annot_keys[key(a)] = (i, a)
        sub = name_of(a.get("/Subtype"))
        sp = a.get("/StructParent")
        if sp is None:
            if sub not in ("Popup", "PrinterMark"):
                msgs.append("page %d: %s annotation has no /StructParent" % (i + 1, sub))
            continue
        owner = ptree.get(int(sp)) if isinstance(sp, int) else None
        if not is_dict(owner):
            msgs.append("page %d: %s annotation's ParentTree[%s] is not an element" % (i + 1, sub, sp))
            continue
        ok = any(is_dict(k) and name_of(k.get("/Type")) == "OBJR" and key(k.get("/Obj")) == key(a)
                 for k in as_list(owner.get("/K")))
        if not ok:
            msgs.append("page %d: %s annotation's ParentTree[%s] element has no OBJR to it" % (i + 1, sub, sp))
    for e, obj in objrs:
        if not is_dict(obj):
            msgs.append("%s: OBJR without an object" % e.describe())
            continue
        if key(obj) not in annot_keys:
            if name_of(obj.get("/Type")) == "Annot" or "/Rect" in obj:
                msgs.append("%s: OBJR to an annotation that is on no page's /Annots" % e.describe())
            continue
        sp = obj.get("/StructParent")
        if not isinstance(sp, int):
            msgs.append("%s: the annotation of its OBJR has no /StructParent" % e.describe())
        elif key(ptree.get(int(sp))) != key(e.obj) or key(e.obj) is None:
            msgs.append("%s: its OBJR's annotation has /StructParent %d, which names another element"
                        % (e.describe(), sp))
    return msgs


def _ops(counter):
    return ", ".join("%s %d" % (op, n) for op, n in sorted(counter.items()))


def check_marked(doc, opts):
    msgs = []
    for i, c in enumerate(doc.content):
        if c["outside"]:
            msgs.append("page %d: %d content operator(s) outside marked content (%s)"
                        % (i + 1, sum(c["outside"].values()), _ops(c["outside"])))
        if c["untagged"]:
            msgs.append("page %d: %d content operator(s) in marked content that is neither tagged "
                        "(MCID) nor an Artifact (%s)" % (i + 1, sum(c["untagged"].values()), _ops(c["untagged"])))
        msgs += ["page %d: %s" % (i + 1, p) for p in c["problems"]]
    return msgs


def check_artifact(doc, opts):
    msgs = []
    for i, c in enumerate(doc.content):
        for pd in c["artifacts"]:
            if pd is None:
                continue
            t = name_of(pd.get("/Type"))
            if t not in ARTIFACT_TYPES:
                msgs.append("page %d: Artifact with /Type %s (not Pagination, Layout, Page or Background)"
                            % (i + 1, pd.get("/Type", "missing")))
            sub = pd.get("/Subtype")
            if t == "Pagination" and sub is not None and name_of(sub) not in PAGINATION_SUBTYPES:
                msgs.append("page %d: Pagination artifact with /Subtype %s (not Header, Footer or Watermark)"
                            % (i + 1, sub))
    return msgs


def check_figure_alt(doc, opts):
    msgs = []
    for e in doc.tree[0]:
        if e.role == "Figure":
            alt = text_of(e.obj.get("/Alt")) or text_of(e.obj.get("/ActualText")) or ""
            if not alt.strip():
                msgs.append("%s has no /Alt or /ActualText" % e.describe())
    return msgs


def check_link(doc, opts):
    msgs = []
    objr_roles = defaultdict(list)
    for e, obj in doc.tree[2]:
        if is_dict(obj):
            objr_roles[key(obj)].append(e.role)
    for i, a in doc.annotations():
        if name_of(a.get("/Subtype")) != "Link":
            continue
        roles = objr_roles.get(key(a), [])
        if "Link" not in roles:
            msgs.append("page %d: Link annotation is not referenced by a Link element%s"
                        % (i + 1, " (only by %s)" % ", ".join(map(str, roles)) if roles else ""))
        if not (text_of(a.get("/Contents")) or "").strip():
            msgs.append("page %d: Link annotation has no /Contents" % (i + 1))
    for i, p in enumerate(doc.pages):
        if as_list(p.get("/Annots")) and name_of(p.get("/Tabs")) != "S":
            msgs.append("page %d has annotations but /Tabs is %s, not /S" % (i + 1, show(p.get("/Tabs"))))
    return msgs


def _descriptor(font):
    sub = name_of(font.get("/Subtype"))
    if sub == "Type0":
        d = as_list(font.get("/DescendantFonts"))
        font = d[0] if d and is_dict(d[0]) else None
    return font.get("/FontDescriptor") if font is not None else None


def check_fonts(doc, opts):
    msgs = []
    done = set()
    for i, c in enumerate(doc.content):
        for k, (font, codes) in c["fonts"].items():
            name = str(font.get("/BaseFont", "(no /BaseFont)"))
            sub = name_of(font.get("/Subtype"))
            first = k not in done
            done.add(k)
            if first and sub != "Type3":
                fd = _descriptor(font)
                if not is_dict(fd) or not any(f in fd for f in ("/FontFile", "/FontFile2", "/FontFile3")):
                    msgs.append("font %s (%s) is not embedded" % (name, sub))
            tu = font.get("/ToUnicode")
            if not isinstance(tu, pikepdf.Stream):
                if first:
                    msgs.append("font %s has no /ToUnicode" % name)
                continue
            if sub == "Type0" and name_of(font.get("/Encoding")) not in ("Identity-H", "Identity-V"):
                continue
            ranges = parse_tounicode(tu.read_bytes())
            nbytes = 2 if sub == "Type0" else 1
            missing = sorted(cd for cd in codes if not mapped(ranges, cd, nbytes))
            if missing:
                shown = " ".join("%0*X" % (2 * nbytes, cd) for cd in missing[:12])
                msgs.append("page %d: font %s shows %d code(s) its ToUnicode does not map: %s%s"
                            % (i + 1, name, len(missing), shown, " ..." if len(missing) > 12 else ""))
    return msgs


def check_xmp(doc, opts):
    root, problem = doc.xmp
    if root is None:
        return [problem]
    if root.find(".//{%s}RDF" % NS["rdf"]) is None and root.tag != "{%s}RDF" % NS["rdf"]:
        return ["the XMP has no rdf:RDF"]
    msgs = []
    pairs = [("Title", "dc", "title"), ("Author", "dc", "creator"), ("Subject", "dc", "description"),
             ("Keywords", "pdf", "Keywords"), ("Producer", "pdf", "Producer"),
             ("Creator", "xmp", "CreatorTool")]
    for info_key, prefix, prop in pairs:
        iv, xv = doc.info.get(info_key), xmp_value(root, prefix, prop)
        if iv is None and xv is None:
            continue
        if iv is None:
            msgs.append("%s:%s is %r but Info has no /%s" % (prefix, prop, xv, info_key))
        elif xv is None:
            msgs.append("Info /%s is %r but the XMP has no %s:%s" % (info_key, iv, prefix, prop))
        elif iv != xv:
            msgs.append("Info /%s %r differs from %s:%s %r" % (info_key, iv, prefix, prop, xv))
    for info_key, prop in (("CreationDate", "CreateDate"), ("ModDate", "ModifyDate")):
        iv, xv = doc.info.get(info_key), xmp_value(root, "xmp", prop)
        if iv is None and xv is None:
            continue
        if iv is None or xv is None:
            msgs.append("%s only in %s" % (info_key if iv else "xmp:" + prop, "Info" if iv else "the XMP"))
            continue
        di, dx = parse_pdf_date(iv), parse_iso_date(xv)
        if di is None:
            msgs.append("Info /%s %r is not a PDF date" % (info_key, iv))
        elif dx is None:
            msgs.append("xmp:%s %r is not an ISO 8601 date" % (prop, xv))
        elif (di.tzinfo is None) != (dx.tzinfo is None):
            msgs.append("Info /%s %r and xmp:%s %r: only one has a time zone" % (info_key, iv, prop, xv))
        elif di != dx:
            msgs.append("Info /%s %r and xmp:%s %r are different instants" % (info_key, iv, prop, xv))
    part = xmp_value(root, "pdfuaid", "part")
    if part is None:
        msgs.append("the XMP has no pdfuaid:part")
    elif part.strip() != "1":
        msgs.append("pdfuaid:part is %r, not 1" % part)
    return msgs


def outline_items(doc):
    """[(level, title, page index or None, problem or None)] in outline order."""
    out = []
    ol = doc.root.get("/Outlines")
    if not is_dict(ol):
        return out
    dests = doc.root.get("/Dests")
    names = doc.root.get("/Names")
    named = name_tree(names.get("/Dests")) if is_dict(names) and is_dict(names.get("/Dests")) else {}

    def resolve(d):
        if isinstance(d, pikepdf.Name):
            if not is_dict(dests) or d not in dests:
                return None, "named destination %s is not in /Dests" % d
            d = dests[d]
        elif isinstance(d, pikepdf.String):
            if bytes(d) not in named:
                return None, "named destination (%s) is not in the /Names /Dests tree" % d
            d = named[bytes(d)]
        if is_dict(d) and "/D" in d:
            d = d["/D"]
        if not isinstance(d, pikepdf.Array) or len(d) == 0:
            return None, "the destination is not an array"
        idx = doc.page_index.get(key(d[0])) if is_dict(d[0]) else None
        if idx is None:
            return None, "the destination's page is not a page of the document"
        return idx, None

    seen = set()

    def walk(item, level):
        while is_dict(item):
            k = key(item)
            if k in seen:
                out.append((level, "?", None, "outline loop"))
                return
            seen.add(k)
            title = text_of(item.get("/Title"))
            if "/Dest" in item:
                page, problem = resolve(item["/Dest"])
            elif is_dict(item.get("/A")):
                a = item["/A"]
                if name_of(a.get("/S")) == "GoTo":
                    page, problem = resolve(a.get("/D"))
                else:
                    page, problem = None, "its action is /%s, not GoTo" % name_of(a.get("/S"))
            else:
                page, problem = None, "it has no /Dest and no /A"
            if title is None:
                problem = problem or "it has no /Title"
            out.append((level, title if title is not None else "", page, problem))
            walk(item.get("/First"), level + 1)
            item = item.get("/Next")

    walk(ol.get("/First"), 1)
    return out


def check_outline(doc, opts):
    return ["outline item %r (level %d): %s" % (t, lv, p)
            for lv, t, _, p in outline_items(doc) if p]


def check_pdfa_xmp(doc, opts):
    root, problem = doc.xmp
    if root is None:
        return [problem]
    msgs = []
    part = xmp_value(root, "pdfaid", "part")
    conf = xmp_value(root, "pdfaid", "conformance")
    if part is None:
        msgs.append("the XMP has no pdfaid:part")
    elif part.strip() != "2":
        msgs.append("pdfaid:part is %r, not 2" % part)
    if conf is None:
        msgs.append("the XMP has no pdfaid:conformance")
    elif opts.conformance and conf.strip() != opts.conformance.upper():
        msgs.append("pdfaid:conformance is %r, not %s" % (conf, opts.conformance.upper()))
    elif conf.strip() not in ("A", "B", "U"):
        msgs.append("pdfaid:conformance is %r, not A, B or U" % conf)
    if xmp_uses_namespace(root, NS["pdfuaid"]):
        found = False
        for schema in root.iter("{%s}schemas" % NS["pdfaExtension"]):
            for li in schema.iter("{%s}li" % NS["rdf"]):
                def val(prefix, name):
                    qn = "{%s}%s" % (NS[prefix], name)
                    el = li.find(qn)
                    return el.text if el is not None else li.get(qn)
                if (val("pdfaSchema", "namespaceURI") or "").strip() == NS["pdfuaid"]:
                    found = True
                    if (val("pdfaSchema", "prefix") or "").strip() != "pdfuaid":
                        msgs.append("the extension schema for pdfuaid does not give the prefix pdfuaid")
                    props = [(p.findtext("{%s}name" % NS["pdfaProperty"]) or
                              p.get("{%s}name" % NS["pdfaProperty"]) or "")
                             for p in li.iter("{%s}li" % NS["rdf"]) if p is not li]
                    if "part" not in [p.strip() for p in props]:
                        msgs.append("the extension schema for pdfuaid does not describe the property part")
        if not found:
            msgs.append("the XMP uses pdfuaid but has no PDF/A extension schema for "
                        "http://www.aiim.org/pdfua/ns/id/")
    return msgs


def check_outputintent(doc, opts):
    msgs = []
    intents = [oi for oi in as_list(doc.root.get("/OutputIntents")) if is_dict(oi)]
    pdfa = [oi for oi in intents if name_of(oi.get("/S")) == "GTS_PDFA1"]
    if not pdfa:
        return ["no /OutputIntents entry with /S /GTS_PDFA1"]
    profiles = {key(oi.get("/DestOutputProfile")) for oi in intents if "/DestOutputProfile" in oi}
    if len(profiles) > 1:
        msgs.append("the output intents have %d different profiles" % len(profiles))
    for oi in pdfa:
        prof = oi.get("/DestOutputProfile")
        if not isinstance(prof, pikepdf.Stream):
            msgs.append("the GTS_PDFA1 output intent has no /DestOutputProfile stream")
            continue
        if prof.get("/N") != 3:
            msgs.append("the output profile's /N is %s, not 3 (RGB)" % prof.get("/N"))
        try:
            head = prof.read_bytes()[:40]
        except pikepdf.PdfError as exc:
            msgs.append("the output profile cannot be read: %s" % exc)
            continue
        if len(head) < 40 or head[36:40] != b"acsp":
            msgs.append("the output profile is not an ICC profile (no 'acsp' signature)")
        elif head[16:20] != b"RGB ":
            msgs.append("the output profile's colour space is %r, not RGB" % head[16:20].decode("latin-1"))
    return msgs


def check_pdfa_misc(doc, opts):
    msgs = []
    pdf = doc.pdf
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        msgs.append("the file is encrypted")
    ident = pdf.trailer.get("/ID")
    if not isinstance(ident, pikepdf.Array) or len(ident) != 2:
        msgs.append("the trailer has no /ID")
    for i, c in enumerate(doc.content):
        for img in c["images"]:
            if img.get("/Interpolate") is True or img.get("/I") is True:
                msgs.append("page %d: an image has /Interpolate true" % (i + 1))
    for i, a in doc.annotations():
        sub = name_of(a.get("/Subtype"))
        if sub == "Popup":
            continue
        f = a.get("/F")
        if not isinstance(f, int):
            msgs.append("page %d: %s annotation has no /F" % (i + 1, sub))
            continue
        f = int(f)
        if not f & 4:
            msgs.append("page %d: %s annotation lacks the Print flag" % (i + 1, sub))
        bad = [n for bit, n in ((1, "Invisible"), (2, "Hidden"), (32, "NoView"), (256, "ToggleNoView"))
               if f & bit]
        if bad:
            msgs.append("page %d: %s annotation is %s" % (i + 1, sub, "/".join(bad)))
        if sub == "Widget" and "/AA" in a:
            msgs.append("page %d: Widget annotation has /AA" % (i + 1))
    if "/AA" in doc.root:
        msgs.append("the catalog has /AA")
    for i, p in enumerate(doc.pages):
        if "/AA" in p:
            msgs.append("page %d has /AA" % (i + 1))
    names = doc.root.get("/Names")
    if is_dict(names):
        if "/JavaScript" in names:
            msgs.append("the catalog /Names has /JavaScript")
        if "/EmbeddedFiles" in names:
            msgs.append("the catalog /Names has /EmbeddedFiles")
    # every action reachable from the trailer
    seen = set()
    todo = [pdf.trailer]
    while todo:
        o = todo.pop()
        k = key(o)
        if k is not None:
            if k in seen:
                continue
            seen.add(k)
        if isinstance(o, pikepdf.Array):
            todo.extend(x for x in o if isinstance(x, (pikepdf.Array, pikepdf.Dictionary, pikepdf.Stream)))
            continue
        if not is_dict(o):
            continue
        s = name_of(o.get("/S"))
        if s and (name_of(o.get("/Type")) == "Action" or s in FORBIDDEN_ACTIONS or s == "Named"):
            if s in FORBIDDEN_ACTIONS:
                msgs.append("a /%s action" % s)
            elif s == "Named" and name_of(o.get("/N")) not in ALLOWED_NAMED:
                msgs.append("a Named action /%s" % name_of(o.get("/N")))
        if name_of(o.get("/Type")) == "EmbeddedFile" or name_of(o.get("/Type")) == "Filespec" and "/EF" in o:
            msgs.append("an embedded file")
        for _, v in (o.stream_dict if isinstance(o, pikepdf.Stream) else o).items():
            if isinstance(v, (pikepdf.Array, pikepdf.Dictionary, pikepdf.Stream)):
                todo.append(v)
    return sorted(set(msgs), key=msgs.index)


CHECKS = [  # name, level, function
    ("qpdf", "valid", None),
    ("markinfo", "ua", check_markinfo),
    ("lang", "ua", check_lang),
    ("displaydoctitle", "ua", check_displaydoctitle),
    ("structtree", "ua", check_structtree),
    ("nesting", "ua", check_nesting),
    ("headings", "ua", check_headings),
    ("notes", "ua", check_notes),
    ("mcid", "ua", check_mcid),
    ("marked", "ua", check_marked),
    ("artifact", "ua", check_artifact),
    ("figure-alt", "ua", check_figure_alt),
    ("link", "ua", check_link),
    ("fonts", "ua", check_fonts),
    ("xmp", "ua", check_xmp),
    ("outline", "ua", check_outline),
    ("pdfa-xmp", "a2", check_pdfa_xmp),
    ("outputintent", "a2", check_outputintent),
    ("pdfa-misc", "a2", check_pdfa_misc),
]
CHECK_NAMES = [c[0] for c in CHECKS]


# ---------------------------------------------------------------- reading-order text

def mcid_text(path):
    """{(page index, MCID): [chars]} with each char (text, x0, y0, x1, y1, size),
    the text pdfminer decodes (through ToUnicode) inside each MCID sequence,
    artifacts left out."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSLiteral
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    class McidDevice(PDFTextDevice):
        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr)
            self.page = -1
            self.stack = []
            self.props = {}
            self.chars = defaultdict(list)

        def begin_page(self, page, ctm):
            self.page += 1
            self.stack = []
            res = resolve1(page.resources) or {}
            self.props = resolve1(res.get("Properties")) or {}

        def begin_tag(self, tag, props=None):
            name = tag.name if isinstance(tag, PSLiteral) else str(tag)
            if isinstance(props, PSLiteral):
                props = self.props.get(props.name)
            props = resolve1(props)
            mcid = resolve1(props.get("MCID")) if isinstance(props, dict) else None
            # /ActualText on a marked-content span: the span's glyphs read as that text,
            # given once (kashida: a letter and its tatweel glyphs are one letter)
            actual = resolve1(props.get("ActualText")) if isinstance(props, dict) else None
            if isinstance(actual, bytes):
                actual = [decode_text(actual)]
            else:
                actual = None
            self.stack.append((name == "Artifact", mcid if isinstance(mcid, int) else None, actual))

        def end_tag(self):
            if self.stack:
                self.stack.pop()

        def current(self):
            if any(a for a, _, _ in self.stack):
                return None
            return next((m for _, m, _ in reversed(self.stack) if m is not None), None)

        def actual_text(self):
            """None outside an /ActualText span; else its text the first time, '' after."""
            span = next((t for _, _, t in reversed(self.stack) if t is not None), None)
            if span is None:
                return None
            text, span[0] = span[0], ""
            return text

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            text = self.actual_text()
            if text is None:
                try:
                    text = font.to_unichr(cid)
                except Exception:   # PDFUnicodeNotDefined and kin: no Unicode for it
                    text = "\ufffd"
            try:
                adv = font.char_width(cid) * fontsize * scaling
            except Exception:
                adv = 0
            mcid = self.current()
            if mcid is not None and text:
                a, b, c, d, e, f = matrix
                size = abs(fontsize) * max(abs(d), abs(c), 1e-9)
                self.chars[(self.page, mcid)].append((text, e, f, e + a * adv, f + b * adv, size))
            return adv

    with open(path, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        rsrc = PDFResourceManager()
        dev = McidDevice(rsrc)
        interp = PDFPageInterpreter(rsrc, dev)
        for page in PDFPage.create_pages(doc):
            interp.process_page(page)
    return dev.chars


def _boundary(prev, cur):
    """'EOL', ' ' or '' between two chars (text, x0, y0, x1, y1, size) on one page."""
    size = max(prev[5], cur[5])
    if abs(cur[2] - prev[4]) > 0.5 * size:
        return "EOL"
    gap = cur[1] - prev[3]
    if gap > 0.12 * size or gap < -size:
        return " "
    return ""


def _segment(chars):
    """An MCID's chars as pieces [(separator before, text)], split at line ends."""
    pieces, buf, prev = [], [], None
    sep = None
    for ch in chars:
        if prev is not None:
            b = _boundary(prev, ch)
            if b == "EOL":
                pieces.append((sep, "".join(buf)))
                buf, sep = [], "EOL"
            elif b == " " and not ch[0].isspace() and not prev[0].isspace():
                buf.append(" ")
        buf.append(ch[0])
        prev = ch
    if buf:
        pieces.append((sep, "".join(buf)))
    return pieces


def reading_order(doc, path):
    """The blocks of the structure tree in reading order: [[(sep, text)]], where
    sep is '', ' ' or 'EOL' before each piece (None for a block's first)."""
    chars = mcid_text(path)
    blocks, cur, last = [], [], None    # last: (page, char) ending the previous piece

    def close():
        nonlocal cur, last
        if cur:
            blocks.append(cur)
        cur, last = [], None

    for ev in doc.tree[4]:
        if ev[0] in ("start", "end"):
            e = ev[1]
            if (e.role or e.stype) in BLOCK_TYPES:
                close()
            continue
        _, page, mcid = ev
        cs = chars.get((page, mcid))
        if not cs:
            continue
        pieces = _segment(cs)
        if last is not None:
            sep = "EOL" if last[0] != page else _boundary(last[1], cs[0])
            pieces[0] = (sep, pieces[0][1])
        cur.extend(pieces)
        last = (page, cs[-1])
    close()
    return blocks


def blocks_text(blocks):
    lines = []
    for b in blocks:
        s = "".join((" " if sep in ("EOL", " ") else "") + t for sep, t in b)
        s = " ".join(s.split())
        if s:
            lines.append(s)
    return "\n".join(lines) + ("\n" if lines else "")


def blocks_words(blocks):
    """Words in order; a word broken at a line end after a hyphen, the next
    starting in lower case, is joined without its hyphen (as pdftotext does);
    pieces that touch on one line join into one word."""
    words = []
    for b in blocks:
        block_start = len(words)
        prev_text = ""
        for sep, text in b:
            toks = text.split()
            if not toks:
                prev_text = text
                continue
            touching = (words[block_start:] and prev_text and not prev_text[-1].isspace()
                        and not text[0].isspace())
            if touching and sep in (None, ""):
                words[-1] += toks.pop(0)
            elif (touching and sep == "EOL" and words[-1].endswith(HYPHENS) and len(words[-1]) > 1
                  and toks[0][0].islower()):
                words[-1] = words[-1][:-1] + toks.pop(0)
            words.extend(toks)
            prev_text = text
    return words


# ---------------------------------------------------------------- main

def select_checks(opts):
    level = LEVELS.index(opts.level)
    names = [n for n, lv, _ in CHECKS if LEVELS.index(lv) <= level]
    if opts.only:
        names = [n for n in CHECK_NAMES if n in opts.only]
    return [n for n in names if n not in opts.skip]


def check_file(path, names, opts, report):
    """Run the checks on one file; returns 0, 1 or 3 (checker error)."""
    status = 0

    def result(name, msgs):
        nonlocal status
        if msgs:
            status = max(status, 1)
            for m in msgs[:MAX_MESSAGES]:
                report("%s: %s: %s" % (path, name, m))
            if len(msgs) > MAX_MESSAGES:
                report("%s: %s: ... and %d more" % (path, name, len(msgs) - MAX_MESSAGES))
        elif opts.verbose:
            report("%s: %s: ok" % (path, name))

    if "qpdf" in names:
        result("qpdf", check_qpdf(path, opts))
    rest = [n for n in names if n != "qpdf"]
    need_doc = rest or opts.text_out or opts.words_out or opts.outline
    if not need_doc:
        return status
    try:
        doc = Doc(path)
    except Exception as exc:      # not a PDF pikepdf can open at all
        report("%s: open: pikepdf cannot open it: %s" % (path, exc))
        return 1
    funcs = dict((n, f) for n, _, f in CHECKS)
    for n in rest:
        try:
            msgs = funcs[n](doc, opts)
        except Exception as exc:
            report("%s: %s: checker error: %s: %s" % (path, n, type(exc).__name__, exc))
            status = 3
            continue
        result(n, msgs)
    if opts.outline:
        for lv, title, page, _ in outline_items(doc):
            print("%d\t%s\t%s" % (lv, title, page + 1 if page is not None else "?"))
    if opts.text_out or opts.words_out:
        try:
            blocks = reading_order(doc, path)
        except Exception as exc:
            report("%s: text: checker error: %s: %s" % (path, type(exc).__name__, exc))
            return 3
        if opts.text_out:
            with open(opts.text_out, "w", encoding="utf-8") as fh:
                fh.write(blocks_text(blocks))
        if opts.words_out:
            with open(opts.words_out, "w", encoding="utf-8") as fh:
                fh.writelines(w + "\n" for w in blocks_words(blocks))
    return status


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="pdfcheck.py", description="Check tagged PDF (PDF/UA-1) and PDF/A-2 properties.",
        epilog="checks (level): " + ", ".join("%s (%s)" % (n, lv) for n, lv, _ in CHECKS))
    ap.add_argument("files", nargs="*", metavar="FILE")
    ap.add_argument("--level", choices=LEVELS, default="ua",
                    help="valid: qpdf only; ua (default): and PDF/UA; a2: and PDF/A-2")
    ap.add_argument("--only", default="", help="comma-separated checks to run (ignores --level)")
    ap.add_argument("--skip", default="", help="comma-separated checks not to run")
    ap.add_argument("--conformance", choices=("a", "b", "u"),
                    help="the pdfaid:conformance required (default: any of A, B, U)")
    ap.add_argument("--text-out", metavar="FILE", help="write the reading-order text of the structure tree")
    ap.add_argument("--words-out", metavar="FILE", help="write its words, one a line")
    ap.add_argument("--outline", action="store_true",
                    help="print the outline (level TAB title TAB page) on stdout; failures go to stderr")
    ap.add_argument("--list", action="store_true", help="list the checks and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="also print passed checks")
    try:
        opts = ap.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if opts.list:
        for n, lv, _ in CHECKS:
            print("%s\t%s" % (n, lv))
        return 0
    opts.only = [s for s in opts.only.split(",") if s]
    opts.skip = [s for s in opts.skip.split(",") if s]
    unknown = [s for s in opts.only + opts.skip if s not in CHECK_NAMES]
    if unknown:
        ap.print_usage(sys.stderr)
        print("pdfcheck.py: unknown check(s): %s" % ", ".join(unknown), file=sys.stderr)
        return 2
    if not opts.files:
        ap.print_usage(sys.stderr)
        print("pdfcheck.py: no file given", file=sys.stderr)
        return 2
    if len(opts.files) > 1 and (opts.text_out or opts.words_out or opts.outline):
        print("pdfcheck.py: --text-out, --words-out and --outline take a single file", file=sys.stderr)
        return 2
    out = sys.stderr if opts.outline else sys.stdout

    def report(line):
        print(line, file=out)

    status = 0
    names = select_checks(opts)
    for path in opts.files:
        status = max(status, check_file(path, names, opts, report))
    return status


if __name__ == "__main__":
    sys.exit(main())
