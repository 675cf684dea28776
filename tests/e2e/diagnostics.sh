#!/bin/bash
# How problems are printed (docs/cli.md, "Diagnostics"): the source line with
# a caret under the column; --color=always|never|auto with NO_COLOR (auto
# checked on a pseudo-terminal); --diagnostics=json on check, build, fo,
# render and batch (every stderr line parses as JSON, with its fields;
# summary lines on stdout); and each kind of file that is not XML named in
# one error with its hint (made here: a .docx with python3's zipfile, the
# encodings with python3).
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$MSP_ROOT/tests/data/source"
BAD="$MSP_ROOT/tests/bad"
ESC=$'\033'
# under LeakSanitizer (.ci/run), its list of suppressions used would follow the JSON on stderr
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"

# run OUT ERR CMD...: runs CMD with stdout to OUT and stderr to ERR; sets rc
run() { local out=$1 err=$2; shift 2; set +e; "$@" >"$out" 2>"$err"; rc=$?; set -e; }

# ---- the excerpt: the line and a caret under the column (no tty: no colour)
cp "$D/check_ten_errors.xml" ten.xml
run out.txt err.txt "$MSPDOC" check ten.xml
[ $rc -eq 1 ] || fail "ten errors: exit $rc"
grep -qF "ten.xml:17:44: error: Article 23 does not exist" err.txt || fail "first line format changed: $(head -3 err.txt)"
line17=$(sed -n 17p ten.xml)
grep -A2 -F "ten.xml:17:44: error: Article 23 does not exist" err.txt > ex.txt
[ "$(sed -n 2p ex.txt)" = "   17 | $line17" ] || fail "excerpt line: '$(sed -n 2p ex.txt)'"
[ "$(sed -n 3p ex.txt)" = "      | $(printf '%43s' '')^" ] || fail "caret line: '$(sed -n 3p ex.txt)'"
grep -q "$ESC" err.txt && fail "escape codes without a terminal"
grep -Eq "^ten.xml: [0-9]+ errors$" err.txt || fail "summary line on stderr"

# a tab and a two-byte character before the column: the caret still under '<'
printf '<?xml version="1.0"?>\n<a>\n\t\xc3\xa9 <b x="1" x="2"/>\n</a>\n' > tab.xml
run out.txt err.txt "$MSPDOC" check tab.xml
grep -qF "tab.xml:3:18: error: Attribute x redefined" err.txt || fail "tab.xml: $(cat err.txt)"
[ "$(sed -n 2p err.txt)" = "    3 |         é <b x=\"1\" x=\"2\"/>" ] || fail "tab expanded: '$(sed -n 2p err.txt)'"
[ "$(sed -n 3p err.txt)" = "      | $(printf '%24s' '')^" ] || fail "caret after a tab: '$(sed -n 3p err.txt)'"

# no excerpt without a line (a file-level error)
run out.txt err.txt "$MSPDOC" check "$BAD/src_empty.xml"
[ "$(grep -c ' | ' err.txt || true)" -eq 0 ] || fail "excerpt for a file-level error: $(cat err.txt)"

# ---- colour
run out.txt err.txt "$MSPDOC" check --color=always ten.xml
grep -qF "${ESC}[1mten.xml:17:44:${ESC}[0m ${ESC}[1;31merror:${ESC}[0m Article 23 does not exist" err.txt \
    || fail "--color=always: $(head -2 err.txt | cat -v)"
grep -qF "${ESC}[1;31m^${ESC}[0m" err.txt || fail "--color=always: caret not coloured"
grep -qF "${ESC}[36mhint:${ESC}[0m" err.txt || fail "--color=always: hint not coloured"
NO_COLOR=1 "$MSPDOC" check --color=always ten.xml 2>err.txt >/dev/null || true
grep -q "$ESC" err.txt || fail "--color=always must win over NO_COLOR"
"$MSPDOC" check --color=never ten.xml 2>err.txt >/dev/null || true
grep -q "$ESC" err.txt && fail "--color=never printed escape codes"
run out.txt err.txt "$MSPDOC" check --color=sometimes ten.xml
[ $rc -eq 2 ] || fail "--color=sometimes: exit $rc, want 2"
grep -q "color takes auto, always or never" err.txt || fail "--color=sometimes: $(cat err.txt)"
# every command takes --color (reissue too)
"$MSPDOC" reissue --help | grep -q -- "--color" || fail "reissue has no --color"

# auto on a terminal: python3 runs mspdoc with stderr on a pseudo-terminal
on_tty() {
  python3 - "$@" <<'EOF'
import os, pty, subprocess, sys
master, slave = os.openpty()
p = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
sys.stdout.buffer.write(data)
EOF
}
on_tty env -u NO_COLOR "$MSPDOC" check ten.xml > tty.txt
grep -q "${ESC}\[1;31merror:" tty.txt || fail "auto on a terminal: no colour: $(head -2 tty.txt | cat -v)"
on_tty env NO_COLOR= "$MSPDOC" check ten.xml > tty.txt
grep -q "${ESC}\[1;31merror:" tty.txt || fail "auto on a terminal with NO_COLOR empty: no colour"
on_tty env NO_COLOR=1 "$MSPDOC" check ten.xml > tty.txt
grep -q "$ESC" tty.txt && fail "NO_COLOR=1 on a terminal: colour"
grep -q "ten.xml:17:44: error: Article 23" tty.txt || fail "NO_COLOR=1 on a terminal: $(head -2 tty.txt)"
on_tty env -u NO_COLOR "$MSPDOC" check --color=never ten.xml > tty.txt
grep -q "$ESC" tty.txt && fail "--color=never on a terminal: colour"

# ---- JSON Lines
# json_ok FILE MIN: every line of FILE is a JSON object with the fields; at least MIN lines
json_ok() {
  python3 - "$1" "$2" <<'EOF' || fail "$1: not JSON Lines: $(head -3 "$1")"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
objs = [json.loads(l) for l in lines]
assert len(objs) >= int(sys.argv[2]), f"{len(objs)} lines"
for o in objs:
    assert list(o) == ["file", "line", "column", "severity", "code", "message", "hint"], o
    assert o["file"] is None or isinstance(o["file"], str)
    assert isinstance(o["line"], int) and isinstance(o["column"], int)
    assert o["severity"] in ("error", "warning", "note"), o
    assert o["code"] in ("ok", "io", "xml", "schema", "symbol", "data", "xslt", "fo", "layout", "output",
                         "limit", "nomem", "usage"), o
    assert isinstance(o["message"], str) and o["message"]
    assert o["hint"] is None or isinstance(o["hint"], str)
EOF
}
run out.txt err.json "$MSPDOC" check --diagnostics=json --color=always ten.xml "$D/valid.xml"
[ $rc -eq 1 ] || fail "check json: exit $rc"
json_ok err.json 10
python3 -c '
import json, sys
objs = [json.loads(l) for l in open("err.json")]
a = [o for o in objs if o["message"] == "Article 23 does not exist"]
assert len(a) == 1 and a[0]["file"] == "ten.xml" and a[0]["line"] == 17 and a[0]["column"] == 44, a
assert a[0]["severity"] == "error" and a[0]["code"] in ("data", "schema"), a
assert any(o["code"] == "schema" for o in objs)
assert any(o["code"] == "symbol" for o in objs)
' || fail "check json fields: $(head -3 err.json)"
grep -Eqx "ten.xml: [0-9]+ errors" out.txt || fail "json: the summary line is not on stdout: $(cat out.txt)"
grep -qx "$D/valid.xml: OK" out.txt || fail "json: OK line"

# a message with quotes, a backslash and non-ASCII text stays one valid line
printf '<?xml version="1.0"?>\n<a>\n  <b "\\é/>\n</a>\n' > quote.xml
run out.txt err.json "$MSPDOC" check --diagnostics=json quote.xml
json_ok err.json 1

run out.txt err.json "$MSPDOC" build --diagnostics=json "$D/check_unknown_article.xml" -o bad.pdf
[ $rc -eq 1 ] || fail "build json: exit $rc"
json_ok err.json 1
grep -q '"line":17,"column":44,"severity":"error"' err.json || fail "build json: $(cat err.json)"

run out.txt err.json "$MSPDOC" fo --diagnostics=json "$BAD/src_truncated.xml"
[ $rc -eq 1 ] || fail "fo json: exit $rc"
json_ok err.json 1

run out.txt err.json "$MSPDOC" render --diagnostics=json "$BAD/fo_unknown_element.fo" -o bad.pdf
[ $rc -eq 1 ] || fail "render json: exit $rc"
json_ok err.json 1
grep -q '"code":"fo"' err.json || fail "render json code: $(cat err.json)"

mkdir -p papers
cp ten.xml "$D/valid.xml" papers/
run out.txt err.json "$MSPDOC" batch --diagnostics=json papers -O bout -j 1
[ $rc -eq 1 ] || fail "batch json: exit $rc"
json_ok err.json 10
grep -q "papers/ten.xml" err.json || fail "batch json: $(head -2 err.json)"

run out.txt err.txt "$MSPDOC" check --diagnostics=yaml ten.xml
[ $rc -eq 2 ] || fail "--diagnostics=yaml: exit $rc, want 2"
run out.txt err.txt "$MSPDOC" reissue --diagnostics=json ten.xml --date 2025-01-01
[ $rc -eq 2 ] || fail "reissue takes no --diagnostics: exit $rc"

# ---- files that are not XML: one error naming what each is
python3 - <<'EOF'
import zipfile
with zipfile.ZipFile("paper.docx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document/>")
with zipfile.ZipFile("paper.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", "<office:document-content/>")
with zipfile.ZipFile("papers.zip", "w") as z:
    z.writestr("paper.xml", "<paper/>")
xml = open("ten.xml", encoding="utf-8").read()
open("utf16.xml", "wb").write(xml.encode("utf-16"))          # with a byte order mark
open("utf16be.xml", "wb").write(xml.encode("utf-16-be"))     # without
open("utf32.xml", "wb").write(xml.encode("utf-32"))
open("latin1.xml", "wb").write("<?xml version=\"1.0\"?>\n<a>\n  d\u00e9j\u00e0</a>\n".encode("latin-1"))
open("cp1252.xml", "wb").write("<a>\u201cquoted\u201d</a>\n".encode("cp1252"))
open("old.doc", "wb").write(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
# no .pdf name: the suite checks every *.pdf its tests write
open("paper-pdf", "wb").write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
open("paper.rtf", "wb").write(b"{\\rtf1\\ansi Report}\n")
EOF
# expect CMD FILE REGEX HINT-REGEX: exit 1, one error matching REGEX, its hint matching HINT-REGEX
expect() {
  local cmd=$1 file=$2 re=$3 hint=$4
  local args=("$cmd" "$file")
  [ "$cmd" = render ] && args+=(-o out.pdf)
  [ "$cmd" = batch ] && args+=(-O "bout-$cmd")
  run out.txt err.txt "$MSPDOC" "${args[@]}"
  [ $rc -eq 1 ] || fail "$cmd $file: exit $rc, want 1: $(cat err.txt)"
  grep -Eq -- "$re" err.txt || fail "$cmd $file: no /$re/: $(cat err.txt)"
  [ "$(grep -c ': error: ' err.txt)" -eq 1 ] || fail "$cmd $file: not one error: $(cat err.txt)"
  grep -Eq -- "^  hint: $hint" err.txt || fail "$cmd $file: hint not /$hint/: $(cat err.txt)"
  [ ! -e out.pdf ] || fail "$cmd $file: a PDF was written"
}
for cmd in check build fo batch; do
  expect $cmd paper.docx "^paper\.docx: error: this is a Word document \(\.docx\)$" \
      "mspdoc reads XML sources: save the paper as XML following docs/source-format\.md"
done
expect render paper.docx "^paper\.docx: error: this is a Word document \(\.docx\)$" "mspdoc render reads XSL-FO"
expect check paper.odt "^paper\.odt: error: this is an OpenDocument file" "mspdoc reads XML sources"
expect check papers.zip "^papers\.zip: error: this is a ZIP archive, not XML" "unpack it"
expect render papers.zip "^papers\.zip: error: this is a ZIP archive, not XML" "unpack it .* \.fo file"
expect check old.doc "^old\.doc: error: this is an old Word document \(\.doc\)" "mspdoc reads XML sources"
expect render old.doc "^old\.doc: error: this is an old Word document \(\.doc\)" "mspdoc render reads XSL-FO"
expect check paper-pdf "^paper-pdf: error: this is a PDF file, not XML" "mspdoc makes PDFs from XML sources"
expect render paper-pdf "^paper-pdf: error: this is a PDF file, not XML" "mspdoc render makes PDFs from XSL-FO"
expect check paper.rtf "^paper\.rtf: error: this is a Rich Text Format document \(\.rtf\)" "mspdoc reads XML sources"
expect check utf16.xml "^utf16\.xml: error: the file is UTF-16 text \(little-endian, with a byte order mark\); sources must be UTF-8" \
    "convert it to UTF-8, e\.g\. iconv -f UTF-16 -t UTF-8 utf16\.xml"
expect build utf16be.xml "^utf16be\.xml: error: the file is UTF-16 text \(big-endian, without a byte order mark\)" \
    "convert it to UTF-8, e\.g\. iconv -f UTF-16BE -t UTF-8"
expect check utf32.xml "^utf32\.xml: error: the file is UTF-32 text" "convert it to UTF-8, e\.g\. iconv -f UTF-32 "
expect render utf32.xml "^utf32\.xml: error: the file is UTF-32 text" "convert it to UTF-8"
expect check latin1.xml "^latin1\.xml:3:4: error: invalid UTF-8 byte 0xE9 at offset 29: the file looks like Latin-1 \(ISO-8859-1\) text, where 0xE9 is 'é'" \
    "convert it to UTF-8, e\.g\. iconv -f latin1 -t utf-8 latin1\.xml > latin1\.xml\.utf8"
grep -qx "    3 |   d�j�</a>" err.txt || fail "latin1 excerpt: $(cat err.txt)"
expect check cp1252.xml "^cp1252\.xml:1:4: error: invalid UTF-8 byte 0x93 .*Windows-1252 text, where 0x93 is '“'" \
    "convert it to UTF-8, e\.g\. iconv -f windows-1252 -t utf-8"
# the suggested command works
iconv -f latin1 -t utf-8 latin1.xml > latin1.xml.utf8
run out.txt err.txt "$MSPDOC" check latin1.xml.utf8
grep -q "invalid UTF-8" err.txt && fail "converted file still refused: $(cat err.txt)"
# FO in UTF-16 is XML, and is read
python3 -c '
import sys
fo = open(sys.argv[1], encoding="utf-8").read()
open("valid16.fo", "wb").write(fo.encode("utf-16"))' "$BAD/fo_valid.fo"
"$MSPDOC" render valid16.fo -o valid16.pdf 2>err.txt || fail "UTF-16 FO refused: $(cat err.txt)"
# in JSON mode the same errors are JSON
run out.txt err.json "$MSPDOC" check --diagnostics=json paper.docx latin1.xml
json_ok err.json 2
python3 -c '
import json
a, b = [json.loads(l) for l in open("err.json")]
assert a["file"] == "paper.docx" and a["line"] == 0 and a["code"] == "xml" and "Word" in a["message"], a
assert b["file"] == "latin1.xml" and (b["line"], b["column"]) == (3, 4) and "iconv" in b["hint"], b
' || fail "json file types: $(cat err.json)"
echo "diagnostics: OK"
