#!/usr/bin/env bash
# The PDF checker's own tests (tests/tools/test_pdfcheck.py): a good tagged PDF
# built with pikepdf passes every check, each broken variant is caught by its
# check, and the text, words and outline outputs are as expected. The suite is
# then run against a checker that passes everything, which must make it fail
# (the tests can fail). Last, the checker runs on a paper mspdoc builds: it must
# judge it (exit 0 or 1) without crashing (exit 3 or a traceback), whatever it
# finds. Needs /usr/bin/python3 with pikepdf and pdfminer, and qpdf.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
PY=/usr/bin/python3
TOOLS="$MSP_ROOT/tests/tools"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

"$PY" -c 'import pikepdf, pdfminer' 2>/dev/null || { echo "FAIL: $PY lacks pikepdf or pdfminer" >&2; exit 1; }
command -v qpdf >/dev/null || { echo "FAIL: qpdf is not installed" >&2; exit 1; }

# --- the checker's tests
TMPDIR="$MSP_TMP" "$PY" "$TOOLS/test_pdfcheck.py" >suite.out 2>&1 || { cat suite.out; fail "test_pdfcheck.py"; }
tail -n 3 suite.out

# --- the same tests against a checker that finds nothing wrong must fail
printf 'import sys\nsys.exit(0)\n' >lenient.py
if PDFCHECK="$MSP_TMP/lenient.py" TMPDIR="$MSP_TMP" "$PY" "$TOOLS/test_pdfcheck.py" >lenient.out 2>&1; then
    fail "the self-tests pass against a checker that accepts everything"
fi
grep -q "variant=.no_lang" lenient.out || fail "the lenient run did not fail on the broken variants"

# --- a paper from the engine: judged, not crashed on
"$MSPDOC" build "$MSP_ROOT/data/papers/000-coop-assistance-report.xml" -o paper.pdf 2>build.err \
    || { cat build.err; fail "mspdoc build"; }
if [ -s paper.pdf ]; then
    set +e
    "$PY" "$TOOLS/pdfcheck.py" --level a2 -v --text-out paper.txt --words-out paper.words paper.pdf >paper.out 2>&1
    rc=$?
    set -e
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || { cat paper.out; fail "pdfcheck exit $rc on the engine's paper"; }
    grep -q "Traceback\|checker error" paper.out && { cat paper.out; fail "pdfcheck crashed on the engine's paper"; }
    echo "engine paper: $(grep -c -v ': ok$' paper.out || true) failure line(s), exit $rc"
fi

if [ "$fails" -gt 0 ]; then
    echo "pdfcheck_selftest: $fails failure(s)" >&2
    exit 1
fi
echo "pdfcheck_selftest: ok"
