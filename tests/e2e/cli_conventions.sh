#!/usr/bin/env bash
# Command-line conventions (docs/cli.md "Conventions"): '-' is standard input
# or output wherever a file is read or written; every numeric option is
# range-checked (exit 2, the range said); -q and -v on every command; "did
# you mean" for a mistyped command or option.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
rm -rf "$MSP_TMP" && mkdir -p "$MSP_TMP" && cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
SRC="$MSP_ROOT/data/papers/000-coop-assistance-report.xml"

# --- '-' in and out: the pipe gives the same bytes as the file form
"$MSPDOC" fo "$SRC" -o file.fo
"$MSPDOC" render file.fo -o file.pdf 2>/dev/null
"$MSPDOC" fo - < "$SRC" | "$MSPDOC" render - -o - > pipe.pdf 2>render.err
cmp -s file.pdf pipe.pdf || fail "fo - | render - -o - differs from the file form"
"$MSPDOC" fo "$SRC" -o - > dash.fo
cmp -s file.fo dash.fo || fail "fo -o - did not write the FO to standard output"
[ ! -e ./- ] || fail "a file named '-' was written"
"$MSPDOC" build "$SRC" -o built.pdf > /dev/null
"$MSPDOC" build "$SRC" -o - > stdout.pdf 2> build.err
cmp -s built.pdf stdout.pdf || fail "build -o - is not the PDF of build -o FILE"
grep -q "(standard output): 3 pages" build.err || fail "build -o - did not say what it wrote on stderr: $(cat build.err)"
"$MSPDOC" build - -o - < "$SRC" > stdin.pdf 2>/dev/null
cmp -s built.pdf stdin.pdf || fail "build - -o - from standard input differs"
"$MSPDOC" render file.fo -o tree.pdf --area-tree - > tree.xml 2>/dev/null
grep -q "<page " tree.xml || fail "--area-tree - did not write the area tree to standard output"
[ ! -e ./- ] || fail "a file named '-' was written"

# a failing document writes nothing to standard output
printf '<paper xmlns="urn:x-mspdoc:paper:1">\n  <meta>\n</paper>\n' > broken.xml
set +e
"$MSPDOC" build - -o - < broken.xml > nothing.out 2> broken.err; rc=$?
set -e
[ $rc -eq 1 ] || fail "a broken source on standard input: exit $rc, expected 1"
[ ! -s nothing.out ] || fail "a failed build wrote bytes to standard output"
grep -q '^<stdin>:3:' broken.err || fail "the error does not name <stdin>:3: $(cat broken.err)"
grep -q '    3 | </paper>' broken.err || fail "no excerpt of standard input's line 3: $(cat broken.err)"
"$MSPDOC" check - < "$SRC" > check.out
grep -qx '<stdin>: OK' check.out || fail "check - did not read standard input: $(cat check.out)"

# refused: two outputs on standard output, a PDF onto a terminal
expect_usage() {   # expect_usage PATTERN CMD...
    local pattern=$1; shift
    set +e
    "$@" > usage.out 2> usage.err < /dev/null; local rc=$?
    set -e
    [ $rc -eq 2 ] || fail "'${*#"$MSPDOC"}': exit $rc, expected 2 (usage error)"
    grep -q -- "$pattern" usage.err || fail "'${*#"$MSPDOC"}': no '$pattern' in: $(cat usage.err)"
}
expect_usage "only one output can be '-'" "$MSPDOC" render file.fo -o - --area-tree -
expect_usage "only one output can be '-'" "$MSPDOC" build "$SRC" -o - --layout-report -
python3 - "$MSPDOC" "$SRC" <<'PY' || fail "a PDF to a terminal was not refused"
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "build", sys.argv[2], "-o", "-"])
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
ok = os.WEXITSTATUS(status) == 2 and b"standard output is a terminal" in out and b"%PDF" not in out
sys.exit(0 if ok else 1)
PY

# --- numeric options: out of range is a usage error naming the range
for v in 0 -1 -5 abc 1.5 1e9 ''; do
    expect_usage "--jobs takes a whole number from 1 to 256, not '$v'" "$MSPDOC" batch -j "$v" x
done
expect_usage "--max-pages takes a whole number from 1 to 100000, not '0'" "$MSPDOC" batch --max-pages 0 x
expect_usage "--max-seconds takes a number from 0.001 to 86400, not '-3'" "$MSPDOC" batch --max-seconds -3 x
for v in 0 -1 2.5 x; do
    expect_usage "--max-pages takes a whole number from 1 to 100000, not '$v'" "$MSPDOC" build --max-pages "$v" "$SRC"
    expect_usage "--max-pages takes a whole number from 1 to 100000, not '$v'" "$MSPDOC" render --max-pages "$v" file.fo -o x.pdf
done
for v in 0 -5 5 5000 nan inf; do
    expect_usage "--png-dpi takes a number from 10 to 1200, not '$v'" "$MSPDOC" build --png-dpi "$v" "$SRC"
done
expect_usage "--max-seconds takes a number from 0.001 to 86400, not '0'" "$MSPDOC" build --max-seconds 0 "$SRC"
expect_usage "--max-pages takes a whole number from 1 to 100000, not '-1'" "$MSPDOC" watch --max-pages -1 "$SRC"
expect_usage "--max-seconds takes a number from 0.001 to 86400, not 'x'" "$MSPDOC" watch --max-seconds x "$SRC"
[ ! -e out ] || fail "a refused command wrote output"
# in range: accepted
"$MSPDOC" build "$SRC" -o dpi.pdf --png "$MSP_TMP/png" --png-dpi 30 --max-pages 3 --max-seconds 60 > /dev/null
[ -s "$MSP_TMP/png/dpi-1.png" ] || fail "--png-dpi 30 made no PNG"
set +e
"$MSPDOC" build "$SRC" -o two.pdf --max-pages 2 > /dev/null 2> pages.err; rc=$?
set -e
[ $rc -eq 1 ] || fail "--max-pages 2 on a 3-page paper: exit $rc, expected 1"

# a number attached to a short option, as make users type it: -j2 is -j 2
"$MSPDOC" batch -q -j2 "$MSP_ROOT/data/papers" -O j2out > /dev/null
[ "$(ls j2out/*.pdf | wc -l)" -eq "$(ls "$MSP_ROOT"/data/papers/*.xml | wc -l)" ] || fail "batch -j2 did not build the samples"
expect_usage "--jobs takes a whole number from 1 to 256, not '0'" "$MSPDOC" batch -j0 x

# --- -q and -v on every command
for cmd in build check fo render batch reissue data watch; do
    "$MSPDOC" "$cmd" --help > help.out
    grep -q -- "-q, --quiet" help.out || fail "$cmd --help lists no -q/--quiet"
    grep -q -- "-v, --verbose" help.out || fail "$cmd --help lists no -v/--verbose"
    expect_usage "--quiet and --verbose exclude each other" "$MSPDOC" "$cmd" -q -v x
done
"$MSPDOC" build -q "$SRC" -o q.pdf > q.out 2> q.err
[ ! -s q.out ] && [ ! -s q.err ] || fail "build -q printed: $(cat q.out q.err)"
"$MSPDOC" check -q "$SRC" > q.out
[ ! -s q.out ] || fail "check -q printed an OK line"
"$MSPDOC" batch -q "$MSP_ROOT/data/papers" -O qout -j 1 > q.out 2> q.err
[ ! -s q.out ] && [ ! -s q.err ] || fail "batch -q printed: $(cat q.out q.err)"
"$MSPDOC" build -v "$SRC" -o v.pdf > /dev/null 2> v.err
grep -q "^mspdoc build: resources (templates/.*) from " v.err || fail "build -v did not say where resources come from"
grep -Eq "^mspdoc build: .*000-coop-assistance-report.xml: built, kind report, language en, 3 pages, [0-9.]+ s" v.err ||
    fail "build -v did not say what it built: $(cat v.err)"
"$MSPDOC" render -v file.fo -o v2.pdf 2> v.err
grep -Eq "^mspdoc render: file.fo: laid out 3 pages in [0-9.]+ s" v.err || fail "render -v: $(cat v.err)"

# --- did you mean
expect_usage "unknown command 'biuld'; did you mean 'build'?" "$MSPDOC" biuld "$SRC"
expect_usage "unknown command 'rendr'; did you mean 'render'?" "$MSPDOC" rendr
expect_usage "unknown command 'compile'$" "$MSPDOC" compile
expect_usage "Unknown option --outptu; did you mean --output?" "$MSPDOC" build --outptu x.pdf "$SRC"
expect_usage "Unknown option --forse; did you mean --force?" "$MSPDOC" batch --forse
expect_usage "Unknown option --are-tree=t.xml; did you mean --area-tree?" "$MSPDOC" render --are-tree=t.xml file.fo -o x.pdf
expect_usage "Unknown option --qiet; did you mean --quiet?" "$MSPDOC" check --qiet "$SRC"
echo "ok: cli conventions"
