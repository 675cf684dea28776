#!/usr/bin/env bash
# Every PDF the test suite wrote in this run (newer than the stamp the
# pdfs.stamp test leaves in TMP) must pass `qpdf --check` without a warning.
# Left out: the checker's self-test folder (PDFs broken on purpose) and the
# folders of the batch unit tests, whose builders are fakes writing "%PDF-1.7
# fake" (tests/unit/batch: plan-, stamp-, workers-).
set -u
tmp=${1:?usage: pdfs_valid.sh TMP}
stamp="$tmp/pdfs.stamp"
[ -f "$stamp" ] || { echo "pdfs_valid: no $stamp (run through ctest)"; exit 1; }
n=0 bad=0
while IFS= read -r -d '' f; do
    case "$f" in
        */e2e-pdfcheck_selftest/*|"$tmp"/plan-*|"$tmp"/stamp-*|"$tmp"/workers-*) continue ;;
    esac
    n=$((n + 1))
    out=$(qpdf --check "$f" 2>&1); rc=$?
    if [ $rc -ne 0 ] || grep -q WARNING <<<"$out"; then
        bad=$((bad + 1))
        echo "FAIL: qpdf --check $f (exit $rc)"
        grep -m3 -E "WARNING|error" <<<"$out" | sed 's/^/  /'
    fi
done < <(find "$tmp" -name '*.pdf' -newer "$stamp" -print0)
echo "pdfs_valid: $n PDFs checked, $bad with problems"
[ "$bad" -eq 0 ]
