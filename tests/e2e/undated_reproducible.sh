#!/usr/bin/env bash
# A paper without a date of its own (the statement sample) and without
# SOURCE_DATE_EPOCH: its PDF dates are the meeting's first day, so two
# builds a second apart are byte-identical.
# Env: MSPDOC (CLI binary), MSP_ROOT, MSP_TMP.
set -eu
ROOT=${MSP_ROOT:?}
TMP=${MSP_TMP:?}
mkdir -p "$TMP"
fail() { echo "undated_reproducible: $*"; exit 1; }
unset SOURCE_DATE_EPOCH
src="$ROOT/data/papers/002-coop-assistance-statement.xml"
grep -q "<date" "$src" && fail "the statement sample has a date now: pick an undated source"
"$MSPDOC" build "$src" -o "$TMP/a.pdf" >/dev/null
sleep 1.1
"$MSPDOC" build "$src" -o "$TMP/b.pdf" >/dev/null
cmp -s "$TMP/a.pdf" "$TMP/b.pdf" || fail "two builds of an undated paper differ"
TZ=UTC pdfinfo "$TMP/a.pdf" | grep -q "^CreationDate: *Mon Nov 25 00:00:00 2024 UTC" \
    || fail "creation date is not the first day of the Fifth Review Conference: $(pdfinfo "$TMP/a.pdf" | grep CreationDate)"
echo "ok: undated paper reproducible"
