#!/usr/bin/env bash
# batch with two workers makes byte-identical PDFs to a build with one worker:
# workers share only read-only state (compiled templates, data, fontconfig),
# so a paper must not depend on what another thread builds at the same time.
# Several runs, because a race shows only in some of them: before Pango's
# font-metrics computation was serialized (src/render/fonts.c), about one run
# in 12 had a justified line spaced ~0.01 pt differently in one worker.
source "$MSP_ROOT/tests/data/batch/lib.sh"
src="$MSP_TMP/src"
mkdir -p "$src"
cp "$PROJECT/data/papers/"*.xml "$src/"
for n in 1 2 3 4 5 6; do make_paper "$n" "$src/r$n.xml"; done
export SOURCE_DATE_EPOCH=1759881600
"$MSPDOC" batch "$src" -O "$MSP_TMP/one" -j 1 -q 2>/dev/null || fail "build with one worker failed"
want=$(count_pdfs "$MSP_TMP/one")
NS=$(ls "$PROJECT"/data/papers/*.xml | wc -l)   # the sample papers, every language version
[ "$want" -eq $((NS + 6)) ] || fail "expected $((NS + 6)) PDFs with one worker, got $want"
for run in $(seq 1 12); do
    out="$MSP_TMP/two-$run"
    "$MSPDOC" batch "$src" -O "$out" -j 2 --force -q 2>/dev/null || fail "build with two workers failed (run $run)"
    [ "$(count_pdfs "$out")" -eq "$want" ] || fail "run $run made $(count_pdfs "$out") PDFs, not $want"
    for f in "$MSP_TMP/one/"*.pdf; do
        g="$out/$(basename "$f")"
        [ -f "$g" ] || fail "$(basename "$f"): missing with two workers (run $run)"
        if ! cmp -s "$f" "$g"; then
            pdftotext -raw "$f" "$MSP_TMP/a.txt"; pdftotext -raw "$g" "$MSP_TMP/b.txt"
            what="bytes differ, same text"
            cmp -s "$MSP_TMP/a.txt" "$MSP_TMP/b.txt" || what="lines or pages broken differently"
            # what differs, for the log: the uncompressed objects side by side
            if command -v qpdf >/dev/null; then
                qpdf --qdf --object-streams=disable "$f" "$MSP_TMP/a.qdf" 2>/dev/null || true
                qpdf --qdf --object-streams=disable "$g" "$MSP_TMP/b.qdf" 2>/dev/null || true
                diff -a "$MSP_TMP/a.qdf" "$MSP_TMP/b.qdf" | head -40 >&2 || true
            fi
            fail "$(basename "$f"): two workers (run $run) differ from one worker: $what"
        fi
    done
    rm -rf "$out"
done
echo "ok: byte-identical PDFs with 1 and 2 workers, 12 runs"
