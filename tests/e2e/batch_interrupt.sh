#!/usr/bin/env bash
# batch interrupted: kill -9 in the middle leaves only complete PDFs and a
# consistent state, and the next run builds exactly the rest; SIGINT stops
# the batch with exit 130, no temporaries, and a report.
source "$MSP_ROOT/tests/data/batch/lib.sh"
src="$MSP_TMP/src" out="$MSP_TMP/out"
mkdir -p "$src"
total=24
for n in $(seq 1 $total); do make_paper "$n" "$src/p$n.xml" 12; done

stamps() { find "$out/.mspdoc-state" -name '*.stamp' 2>/dev/null | wc -l; }

# wait_for N PID: until N papers are stamped (or the batch ended)
wait_for() {
    local i
    for i in $(seq 1 600); do
        [ "$(stamps)" -ge "$1" ] && return 0
        kill -0 "$2" 2>/dev/null || return 0
        sleep 0.05
    done
}

"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>/dev/null &
pid=$!
wait_for 3 $pid
kill -9 $pid
wait $pid 2>/dev/null || true
done_before=$(stamps)
[ "$done_before" -lt "$total" ] || fail "the batch finished before it could be killed; make the papers longer"
# every PDF there is complete (temporaries may remain until the next run)
for f in "$out"/*.pdf; do pdfinfo "$f" >/dev/null 2>&1 || fail "partial PDF $f after kill -9"; done
[ "$(count_pdfs "$out")" -ge "$done_before" ] || fail "a stamped paper has no PDF"

"$MSPDOC" batch "$src" -O "$out" -j 2 2>/dev/null || fail "the run after kill -9 failed"
[ "$(count_pdfs "$out")" -eq "$total" ] || fail "the next run did not complete the batch"
[ "$(json_total "$out" up_to_date)" -eq "$done_before" ] || fail "stamped papers were rebuilt"
[ "$(json_total "$out" built)" -eq $((total - done_before)) ] || fail "not exactly the rest was built"
no_partial_output "$out"

# SIGINT: stop starting papers, cancel running ones, exit 130
rm -rf "$out"
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>/dev/null &
pid=$!
wait_for 2 $pid
kill -INT $pid
set +e
wait $pid
rc=$?
set -e
[ $rc -eq 130 ] || fail "SIGINT: exit $rc, expected 130"
no_partial_output "$out"
grep -q '"cancelled":[1-9]' "$out/index.json" || fail "SIGINT: the report does not list the cancelled papers"
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>/dev/null || fail "the run after SIGINT failed"
[ "$(count_pdfs "$out")" -eq "$total" ] || fail "the run after SIGINT did not complete the batch"
echo "ok: interrupted batches"
