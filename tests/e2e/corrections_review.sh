#!/usr/bin/env bash
# The review copy: `mspdoc build CORRECTED.xml --changes-from ISSUED.xml` draws
# a change bar beside exactly the lines holding the four sample corrections
# (a word in paragraph 5, the caret of the sentence deleted from paragraph 7,
# footnote 1's address, the added sub-item (b) of paragraph 8) and beside no
# other line; an unchanged copy gets no bar; a different paper is refused.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
rm -rf "$MSP_TMP" && mkdir -p "$MSP_TMP" && cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
cp "$MSP_ROOT/data/papers/000-coop-assistance-report.xml" issued.xml
perl -0p "$MSP_ROOT/tests/data/corrections/sample-corrections.pl" issued.xml > corrected.xml
"$MSPDOC" build corrected.xml --changes-from issued.xml -o review.pdf --area-tree review.xml > build.out 2> build.err ||
    fail "the review build failed: $(cat build.err)"

# every bar (a rule of 1.5 pt, as the stylesheet draws them) and the line beside it
python3 - review.xml <<'PY' || fail "the bars are not beside exactly the changed lines"
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1])
want = {"new opportunities": 0, "^": 0, "membership/sudan;": 0, "documents-2": 0}
bad = []
for page in t.getroot().iter("page"):
    # (a note's number is a line of its own on the note's first baseline: not a text line)
    lines = [(float(l.get("y")), l.get("zone"), l.text or "") for l in page.iter("line")
             if not (l.text or "").strip().isdigit()]
    bars = [r for r in page.iter("rule") if r.get("thickness") == "1.50"]
    for r in bars:
        y1, y2, zone = float(r.get("y")), float(r.get("y2")), r.get("zone")
        beside = [txt for (y, z, txt) in lines if z == zone and y1 < y - 2 < y2]
        if len(beside) != 1:
            bad.append("a bar beside %d lines: %r" % (len(beside), beside))
            continue
        hits = [k for k in want if k in beside[0]]
        if len(hits) != 1:
            bad.append("a bar beside an unchanged line: %r" % beside[0])
            continue
        want[hits[0]] += 1
missing = [k for k, n in want.items() if n != 1]
if missing or bad:
    print("missing or doubled:", missing, "wrong:", bad, file=sys.stderr)
    sys.exit(1)
PY
[ "$(grep -c '>[^<]*\^' review.xml)" -eq 1 ] || fail "not exactly one deletion caret"
pdftotext review.pdf review.txt
grep -q "discuss new opportunities" review.txt || fail "the corrected text is not in the review PDF"

# unchanged: no bar at all
cp issued.xml same.xml
"$MSPDOC" build same.xml --changes-from issued.xml -o same.pdf --area-tree same.xml.tree > /dev/null 2>&1 ||
    fail "the review build of an unchanged copy failed"
! grep -q 'thickness="1.50"' same.xml.tree || fail "an unchanged copy has a change bar"

# another paper: refused, naming both files
sed 's|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP.22/2025/23</symbol>|' issued.xml > other.xml
set +e
"$MSPDOC" build other.xml --changes-from issued.xml -o other.pdf > /dev/null 2> other.err; rc=$?
set -e
[ $rc -ne 0 ] || fail "a review against another paper was built"
grep -q "issued.xml" other.err && grep -q "other.xml" other.err || fail "the error does not name both files: $(cat other.err)"
[ ! -e other.pdf ] || fail "a PDF was written for another paper"
echo "ok: review copy with change bars"

# the revision: the corrected paper whole as SYMBOL/Rev.N, dated today, no reissue, no bars
mkdir rev && cp issued.xml corrected.xml rev/
SOURCE_DATE_EPOCH=1767225600 "$MSPDOC" corrigendum --revision rev/issued.xml rev/corrected.xml -o rev/rev1.xml > rev.out ||
    fail "--revision drafted nothing: $(cat rev.out)"
grep -q '^rev/rev1.xml: APLC/MSP.22/2025/22/Rev.1, the corrected paper whole (4 changes)$' rev.out || fail "$(cat rev.out)"
grep -q '<symbol>APLC/MSP.22/2025/22/Rev.1</symbol>' rev/rev1.xml || fail "no Rev.1 symbol"
grep -q '<date>2026-01-01</date>' rev/rev1.xml || fail "the revision is not dated SOURCE_DATE_EPOCH's day"
! grep -q '<reissue' rev/rev1.xml || fail "the revision keeps the reissue of the old paper"
diff <(grep -v -e '<symbol>' -e '<date>' -e '<reissue' corrected.xml) <(grep -v -e '<symbol>' -e '<date>' rev/rev1.xml) > /dev/null ||
    fail "the revision's text is not the corrected source's"
"$MSPDOC" check rev/rev1.xml > /dev/null || fail "the revision does not pass check"
SOURCE_DATE_EPOCH=1767225600 "$MSPDOC" build rev/rev1.xml -o rev/rev1.pdf --area-tree rev/rev1.tree > /dev/null ||
    fail "the revision does not build"
! grep -q 'thickness="1.50"' rev/rev1.tree || fail "the revision has change bars"
SOURCE_DATE_EPOCH=1767225600 "$MSPDOC" corrigendum --revision rev/issued.xml rev/corrected.xml -o rev/rev2.xml > rev.out
grep -q 'Rev.2' rev.out || fail "a second revision beside the first is not Rev.2: $(cat rev.out)"
echo "ok: revision"
