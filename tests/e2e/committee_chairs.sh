#!/usr/bin/env bash
# The committee line of a report's masthead: with <chair> elements in
# <committee>, exactly those members are marked "(Chair)"; without them the
# chair marks of data/committees.xml apply; the display name is the
# committee's own text, never a chair's name. Checked on the PDF's text
# (pdftotext). Env: MSPDOC, MSP_ROOT, MSP_TMP.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
MSPDOC=$(readlink -f "$MSPDOC")
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v pdftotext >/dev/null || fail "pdftotext (poppler-utils) is required"

# paper NAME COMMITTEE-CONTENT: writes NAME.xml, a small report of 2025
paper() {
  cat >"$1.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<paper xmlns="urn:x-mspdoc:paper:1" kind="report" xml:lang="en">
  <meta>
    <symbol>APLC/MSP.22/2025/22</symbol>
    <date>2025-10-08</date>
    <original>en</original>
    <meeting ref="22MSP"/>
    <agenda item="9" sub="c"/>
    <title>Report on activities</title>
    <committee ref="cooperation-assistance" year="2025">$2</committee>
  </meta>
  <body>
    <p id="p-one">The Committee met.</p>
  </body>
</paper>
EOF
}

# text NAME: the PDF's first page as one line, whitespace runs squeezed
text() {
  "$MSPDOC" build -o "$1.pdf" "$1.xml" >/dev/null || fail "$1: build failed"
  pdftotext -f 1 -l 1 "$1.pdf" - | tr -s '[:space:]' ' '
}

# has NAME STRING / lacks NAME STRING
has() { grep -qF -- "$2" <<<"$(text "$1")" || { text "$1" >&2; echo >&2; fail "$1: missing: $2"; }; }
lacks() { ! grep -qF -- "$2" <<<"$(text "$1")" || fail "$1: unexpected: $2"; }

NAME="Committee on the Enhancement of Cooperation and Assistance"

paper one $'\n      <chair state="TR"/>\n    '
has one "$NAME (Cameroon, Denmark, Switzerland, Türkiye (Chair))"
[ "$(text one | grep -o '(Chair)' | wc -l)" -eq 1 ] || fail "one: '(Chair)' printed more than once"

paper other $'\n      <chair state="DK"/>\n    '
has other "$NAME (Cameroon, Denmark (Chair), Switzerland, Türkiye)"

paper named $'Committee on Cooperation\n      <chair state="CM"/>\n      <chair state="CH"/>\n    '
has named "Committee on Cooperation (Cameroon (Chair), Denmark, Switzerland (Chair), Türkiye)"
lacks named "Cooperation Cameroon"

paper data ''
has data "$NAME (Cameroon, Denmark (Chair), Switzerland, Türkiye (Chair))"

# a named chair who is not a member that year: no PDF, the error at the <chair>
paper stranger $'\n      <chair state="JP"/>\n    '
set +e
"$MSPDOC" build -o stranger.pdf stranger.xml 2>err.txt; rc=$?
set -e
[ $rc -eq 1 ] || fail "stranger: exit $rc, want 1"
grep -qF "stranger.xml:11:7: error: chair JP (Japan) is not a member of committee 'cooperation-assistance' in 2025" err.txt \
  || { cat err.txt >&2; fail "stranger: message"; }
[ ! -e stranger.pdf ] || fail "stranger: a PDF was written"
echo OK
