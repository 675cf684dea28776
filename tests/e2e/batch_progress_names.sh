#!/usr/bin/env bash
# batch progress lines (stderr not a terminal) name every paper one way:
# "SYMBOL (LANG)" when the paper has a symbol, so the language versions of
# one symbol (the en, fr, es, ru, zh and ar samples) each have their own name, else the
# source's path (the statement); on built, failed and up-to-date lines
# alike, and for a source the plan could not read.
source "$MSP_ROOT/tests/data/batch/lib.sh"
src="$MSP_TMP/src" out="$MSP_TMP/out"
mkdir -p "$src"
cp "$PROJECT/data/papers/"*.xml "$src/"
# a French version that fails its checks (a committee the data does not know)
sed -e 's|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP.22/2025/31</symbol>|' \
    -e 's|committee ref="cooperation-assistance"|committee ref="no-such-committee"|' \
    "$PROJECT/data/papers/000-coop-assistance-report-fr.xml" > "$src/bad-fr.xml"
grep -q 'no-such-committee' "$src/bad-fr.xml" || fail "the fr sample names no committee any more"
# a source the plan cannot read
head -c 200 "$SAMPLE" > "$src/cut.xml"
symbol=APLC/MSP.22/2025/22

set +e
"$MSPDOC" batch "$src" -O "$out" -j 2 2>"$MSP_TMP/run1.err"
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$MSP_TMP/run1.err"; fail "exit $rc, expected 1 (two papers fail)"; }
lines() { grep '^mspdoc batch: ' "$1" | grep -v -e ' papers, ' -e ' built, ' || true; }
lines "$MSP_TMP/run1.err" > "$MSP_TMP/run1.lines"
for lang in en fr es ru zh ar; do
    grep -Eqx "mspdoc batch: \[[0-9]+/8\] built $symbol \($lang\) \([0-9.]+ s\)" "$MSP_TMP/run1.lines" \
        || { cat "$MSP_TMP/run1.lines"; fail "no built line for the $lang version"; }
done
grep -Eqx "mspdoc batch: \[[0-9]+/8\] built $src/002-coop-assistance-statement.xml \([0-9.]+ s\)" "$MSP_TMP/run1.lines" \
    || { cat "$MSP_TMP/run1.lines"; fail "the statement (no symbol) is not named by its path"; }
grep -Eqx "mspdoc batch: \[[0-9]+/8\] failed APLC/MSP.22/2025/31 \(fr\) \([0-9.]+ s\)" "$MSP_TMP/run1.lines" \
    || { cat "$MSP_TMP/run1.lines"; fail "the failed paper is not named 'SYMBOL (LANG)'"; }
grep -qx "mspdoc batch: failed $src/cut.xml" "$MSP_TMP/run1.lines" \
    || { cat "$MSP_TMP/run1.lines"; fail "the unreadable source has no failed line naming its path"; }
# each paper named once, no two the same
names() { sed -E -e 's/^mspdoc batch: (\[[0-9]+\/[0-9]+\] )?[a-z-]+ //' -e 's/ \([0-9.]+ s\)$//' "$1"; }
[ "$(names "$MSP_TMP/run1.lines" | sort -u | wc -l)" -eq 9 ] \
    || { cat "$MSP_TMP/run1.lines"; fail "not nine distinct names for nine sources"; }

# a second run: the same names on the up-to-date lines
set +e
"$MSPDOC" batch "$src" -O "$out" -j 2 2>"$MSP_TMP/run2.err"
set -e
lines "$MSP_TMP/run2.err" > "$MSP_TMP/run2.lines"
for lang in en fr es ru zh ar; do
    grep -qx "mspdoc batch: up-to-date $symbol ($lang)" "$MSP_TMP/run2.lines" \
        || { cat "$MSP_TMP/run2.lines"; fail "no up-to-date line for the $lang version"; }
done
grep -qx "mspdoc batch: up-to-date $src/002-coop-assistance-statement.xml" "$MSP_TMP/run2.lines" \
    || { cat "$MSP_TMP/run2.lines"; fail "the statement's up-to-date line does not name its path"; }
[ "$(names "$MSP_TMP/run1.lines" | sort)" = "$(names "$MSP_TMP/run2.lines" | sort)" ] \
    || { diff <(names "$MSP_TMP/run1.lines" | sort) <(names "$MSP_TMP/run2.lines" | sort); fail "the runs name the papers differently"; }
# -q: no progress line at all
set +e
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>"$MSP_TMP/run3.err"
set -e
[ -z "$(lines "$MSP_TMP/run3.err")" ] || fail "progress lines with -q: $(lines "$MSP_TMP/run3.err")"
echo "ok: progress lines name each paper 'SYMBOL (LANG)' or by its path"
