#!/usr/bin/env bash
# batch: builds every sample paper, a second run rebuilds none (in under a
# tenth of the first run's time), `touch` alone rebuilds none, an edited
# source rebuilds only itself, an edited kind stylesheet only that kind's
# papers, common.xsl, the schema, the hyphenation declarations or a declared
# dictionary all, --force all.
source "$MSP_ROOT/tests/data/batch/lib.sh"
private_root
src="$MSP_TMP/src" out="$MSP_TMP/out"
mkdir -p "$src"
cp "$PROJECT/data/papers/"*.xml "$src/"
for n in 1 2 3 4 5 6; do make_paper "$n" "$src/r$n.xml" 3; done
total=$(ls "$src"/*.xml | wc -l)

"$MSPDOC" batch "$src" -O "$out" -j 2 2>"$MSP_TMP/run1.err" || { cat "$MSP_TMP/run1.err"; fail "first run failed"; }
[ "$(count_pdfs "$out")" -eq "$total" ] || fail "expected $total PDFs, got $(count_pdfs "$out")"
[ "$(json_total "$out" built)" -eq "$total" ] || fail "first run: not all built"
first=$(grep -o '"seconds":[0-9.]*' "$out/index.json" | sed -n 1p | cut -d: -f2)
grep -q "mspdoc batch: \[$total/$total\]" "$MSP_TMP/run1.err" || fail "no plain progress lines when stderr is not a terminal"

"$MSPDOC" batch "$src" -O "$out" -j 2 2>/dev/null || fail "second run failed"
[ "$(json_total "$out" built)" -eq 0 ] || fail "second run rebuilt papers"
[ "$(json_total "$out" up_to_date)" -eq "$total" ] || fail "second run: not all up to date"
second=$(grep -o '"seconds":[0-9.]*' "$out/index.json" | sed -n 1p | cut -d: -f2)
awk -v a="$first" -v b="$second" 'BEGIN { exit !(b * 10 < a) }' \
    || fail "second run took ${second}s, not under a tenth of the first (${first}s)"

touch "$src/r3.xml"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after touch failed"
[ "$(json_total "$out" built)" -eq 0 ] || fail "a new timestamp alone rebuilt a paper"

echo "<!-- edited -->" >> "$src/r3.xml"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after edit failed"
[ "$(json_total "$out" built)" -eq 1 ] || fail "editing one source rebuilt $(json_total "$out" built) papers"
grep -q '"symbol":"APLC/MSP.22/2025/3",[^}]*"status":"built"' "$out/index.json" || fail "the edited paper was not the one rebuilt"

# an output PDF changed behind mspdoc's back (same size, other bytes) is rebuilt
pdf=$(ls "$out"/*.pdf | sed -n 2p)
printf 'X' | dd of="$pdf" bs=1 seek=20 conv=notrunc 2>/dev/null
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after PDF change failed"
[ "$(json_total "$out" built)" -eq 1 ] || fail "a changed PDF was not rebuilt (built $(json_total "$out" built))"
# a PDF replaced by a copy (new inode and times, same bytes) is up to date
cp "$pdf" "$MSP_TMP/copy.pdf" && mv "$MSP_TMP/copy.pdf" "$pdf"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after PDF copy failed"
[ "$(json_total "$out" built)" -eq 0 ] || fail "an identical copy of a PDF was rebuilt"

# one kind's stylesheet: only that kind's papers (the statement sample is the one statement)
echo "<!-- edited -->" >> "$MSP_ROOT/templates/statement.xsl"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after statement.xsl edit failed"
[ "$(json_total "$out" built)" -eq 1 ] || fail "editing statement.xsl rebuilt $(json_total "$out" built) papers, not 1"
tr -d '\n' < "$out/index.json" | grep -o '{[^{}]*"status":"built"[^{}]*}' | grep -q "002-coop-assistance-statement" \
    || fail "editing statement.xsl did not rebuild the statement"

# the stylesheet every kind includes: all
echo "<!-- edited -->" >> "$MSP_ROOT/templates/common.xsl"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after template edit failed"
[ "$(json_total "$out" built)" -eq "$total" ] || fail "a template edit did not rebuild every paper"

# the schema (templates/, not a stylesheet): all
echo "<!-- edited -->" >> "$MSP_ROOT/templates/paper.rng"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after schema edit failed"
[ "$(json_total "$out" built)" -eq "$total" ] || fail "a schema edit did not rebuild every paper"

# the hyphenation dictionaries (hyphen/dictionaries.conf and the declared
# files): all. English is declared on a private copy of its dictionary.
dic="$MSP_TMP/hyph_en_GB.dic"
cp /usr/share/hyphen/hyph_en_GB.dic "$dic"
sed -i "s|/usr/share/hyphen/hyph_en_GB.dic|$dic|" "$MSP_ROOT/hyphen/dictionaries.conf"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after dictionaries.conf edit failed"
[ "$(json_total "$out" built)" -eq "$total" ] || fail "a dictionaries.conf edit did not rebuild every paper"
echo "% edited" >> "$dic"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after dictionary edit failed"
[ "$(json_total "$out" built)" -eq "$total" ] || fail "a changed dictionary did not rebuild every paper"
"$MSPDOC" batch "$src" -O "$out" 2>/dev/null || fail "run after dictionary edit failed"
[ "$(json_total "$out" built)" -eq 0 ] || fail "an unchanged (if unusable) dictionary rebuilt papers"

"$MSPDOC" batch "$src" -O "$out" --force --report "$MSP_TMP/copy.json" 2>/dev/null || fail "--force run failed"
[ "$(json_total "$out" built)" -eq "$total" ] || fail "--force did not rebuild every paper"
cmp -s "$out/index.json" "$MSP_TMP/copy.json" || fail "--report copy differs from index.json"

# usage errors
set +e
"$MSPDOC" batch "$MSP_TMP/no-such-folder" -O "$out" 2>/dev/null; [ $? -eq 2 ] || fail "missing input: exit not 2"
"$MSPDOC" batch --no-such-option 2>/dev/null; [ $? -eq 2 ] || fail "bad option: exit not 2"
set -e
no_partial_output "$out"
echo "ok: incremental batch"
