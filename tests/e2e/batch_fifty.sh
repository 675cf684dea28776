#!/usr/bin/env bash
# batch isolation: 50 sources of which 5 are broken (malformed XML, bad
# symbol, unknown committee, a symbol claimed twice, an unreadable file)
# give 45 PDFs, each error at file:line:column on stderr and in index.json,
# exit code 1 and no partial file.
source "$MSP_ROOT/tests/data/batch/lib.sh"
src="$MSP_TMP/src" out="$MSP_TMP/out"
mkdir -p "$src"
for n in $(seq 1 45); do make_paper "$n" "$src/p$n.xml"; done
# 1. malformed: cut in the middle of the body
make_paper 46 "$MSP_TMP/full.xml"
head -n 30 "$MSP_TMP/full.xml" > "$src/bad-xml.xml"
# 2. a symbol the grammar refuses
sed -e 's|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP/2025/47</symbol>|' "$SAMPLE" > "$src/bad-symbol.xml"
# 3. a committee the data does not know
make_paper 48 "$MSP_TMP/c.xml"
sed -e 's|committee ref="cooperation-assistance"|committee ref="no-such-committee"|' "$MSP_TMP/c.xml" > "$src/bad-committee.xml"
# 4. the same symbol as paper 48 (both fail, each naming the other)
make_paper 48 "$src/dup-symbol.xml"
# 5. unreadable
if [ "$(id -u)" = 0 ]; then
    ln -s "$MSP_TMP/gone/nowhere.xml" "$src/unreadable.xml"   # root reads any mode
else
    make_paper 49 "$src/unreadable.xml"; chmod 000 "$src/unreadable.xml"
fi
[ "$(ls "$src" | wc -l)" -eq 50 ] || fail "expected 50 sources"

set +e
"$MSPDOC" batch "$src" -O "$out" -j 2 2>"$MSP_TMP/err.txt"
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$MSP_TMP/err.txt"; fail "exit code $rc, expected 1"; }
[ "$(count_pdfs "$out")" -eq 45 ] || fail "expected 45 PDFs, got $(count_pdfs "$out")"
[ "$(json_total "$out" failed)" -eq 5 ] || fail "expected 5 failed in index.json"
for f in bad-xml bad-symbol bad-committee dup-symbol; do
    grep -Eq "^$src/$f\.xml:[0-9]+:[0-9]+: error: " "$MSP_TMP/err.txt" || { cat "$MSP_TMP/err.txt"; fail "no file:line:column error for $f"; }
    grep -Eq "\"file\":\"$src/$f\.xml\",\"line\":[1-9][0-9]*,\"column\":[1-9]" "$out/index.json" || fail "no located error for $f in index.json"
done
grep -q "unreadable.xml" "$MSP_TMP/err.txt" || fail "no error for the unreadable file"
grep -Eq "bad-committee.xml:[0-9]+:[0-9]+: error: .*also claimed by $src/dup-symbol.xml:6:5" "$MSP_TMP/err.txt" \
    || fail "duplicate symbol: no error naming the other source"
grep -Eq "dup-symbol.xml:6:5: error: .*also claimed by $src/bad-committee.xml:6:5" "$MSP_TMP/err.txt" \
    || fail "duplicate symbol: the second source not refused"
grep -Eq "bad-committee.xml:[0-9]+:[0-9]+: error: unknown committee 'no-such-committee'" "$MSP_TMP/err.txt" \
    || fail "the unknown committee was not reported"
no_partial_output "$out"
grep -q '<li class="paper failed">' "$out/index.html" || fail "failed papers not in index.html"
echo "ok: 45 built, 5 refused"
