#!/usr/bin/env bash
# batch output is reproducible: two builds (one worker; batch_parallel_same.sh
# compares workers) give byte-identical PDFs, with
# SOURCE_DATE_EPOCH and without it (the paper's date is used, for papers
# that have one); --draft
# papers carry the DRAFT mark and differ from final ones, and are
# reproducible too with SOURCE_DATE_EPOCH (their stamp's time).
source "$MSP_ROOT/tests/data/batch/lib.sh"
src="$MSP_TMP/src"
mkdir -p "$src"
cp "$PROJECT/data/papers/"*.xml "$src/"
make_paper 7 "$src/r7.xml"

for epoch in set unset; do
    for run in a b; do
        if [ $epoch = set ]; then
            SOURCE_DATE_EPOCH=1759881600 "$MSPDOC" batch "$src" -O "$MSP_TMP/$epoch-$run" -j 1 -q 2>"$MSP_TMP/err.txt" || fail "build failed"
        else
            env -u SOURCE_DATE_EPOCH "$MSPDOC" batch "$src" -O "$MSP_TMP/$epoch-$run" -j 1 -q 2>"$MSP_TMP/err.txt" || fail "build failed"
        fi
        sleep 1   # a clock leaking into the output would show
    done
    NS=$(ls "$PROJECT"/data/papers/*.xml | wc -l)   # the samples (one undated statement) + r7
    n=0 want=$((NS + 1))
    pattern='*.pdf'
    if [ $epoch = unset ]; then
        # without SOURCE_DATE_EPOCH the paper's own date is used: a statement
        # without <date> has none, so only the dated reports are compared
        pattern='APLC_*.pdf' want=$NS
    fi
    for f in "$MSP_TMP/$epoch-a/"$pattern; do
        cmp "$f" "$MSP_TMP/$epoch-b/$(basename "$f")" || fail "$(basename "$f") differs between two builds (SOURCE_DATE_EPOCH $epoch)"
        n=$((n + 1))
    done
    [ $n -eq $want ] || fail "expected $want PDFs, got $n"
done

SOURCE_DATE_EPOCH=1759881600 "$MSPDOC" batch "$src" -O "$MSP_TMP/draft" --draft -j 1 -q 2>/dev/null || fail "draft build failed"
# the footer build stamp, timed by SOURCE_DATE_EPOCH (the watermark is drawn as outlines: compare pixels)
pdftotext "$MSP_TMP/draft/APLC_MSP.22_2025_7-E.pdf" "$MSP_TMP/draft.txt"
grep -Eq "Draft built 2025-10-08 00:00 UTC, source [0-9a-f]{12}$" "$MSP_TMP/draft.txt" \
    || fail "no build stamp on a --draft paper"
pdftoppm -r 20 -f 1 -l 1 -gray "$MSP_TMP/draft/APLC_MSP.22_2025_7-E.pdf" "$MSP_TMP/d"
pdftoppm -r 20 -f 1 -l 1 -gray "$MSP_TMP/set-a/APLC_MSP.22_2025_7-E.pdf" "$MSP_TMP/f"
cmp -s "$MSP_TMP"/d-*.pgm "$MSP_TMP"/f-*.pgm && fail "the draft's first page looks like the final one"
grep -q '"draft":true' "$MSP_TMP/draft/index.json" || fail "draft not in the report"
pdftotext "$MSP_TMP/set-a/APLC_MSP.22_2025_7-E.pdf" "$MSP_TMP/final.txt"
if grep -q "Draft built" "$MSP_TMP/final.txt"; then fail "a final paper has a draft stamp"; fi
# a draft built twice is reproducible too
SOURCE_DATE_EPOCH=1759881600 "$MSPDOC" batch "$src" -O "$MSP_TMP/draft2" --draft -j 1 -q 2>/dev/null || fail "draft build failed"
cmp "$MSP_TMP/draft/APLC_MSP.22_2025_7-E.pdf" "$MSP_TMP/draft2/APLC_MSP.22_2025_7-E.pdf" || fail "drafts differ"
echo "ok: reproducible"
