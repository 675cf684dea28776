#!/usr/bin/env bash
# batch: index.json gives every paper its layout counts (lines beyond
# tolerance, loose, overfull, hyphenated line ends), the same as `mspdoc
# build --layout-report` finds for that paper; a second run keeps them from
# the stamps for up-to-date papers; index.html shows them; a failed paper has
# zeros.
source "$MSP_ROOT/tests/data/batch/lib.sh"
command -v python3 >/dev/null || fail "python3 is required"
src="$MSP_TMP/src" out="$MSP_TMP/out"
mkdir -p "$src"
cp "$PROJECT/data/papers/"*.xml "$src/"
# a paper that fails its checks (an Article that does not exist), under a symbol of its own
sed "s|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP.22/2025/99</symbol>|" \
    "$PROJECT/tests/data/source/check_unknown_article.xml" > "$src/broken.xml"
count() { awk -F'\t' -v k="# $2" '$1 == k { print $2 }' "$1"; }
# field FIELD SOURCE-NAME: that paper's FIELD in index.json
field() {
    python3 - "$out/index.json" "$2" "$1" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
p = [p for p in doc["papers"] if p["source"].endswith("/" + sys.argv[2])]
print(p[0][sys.argv[3]] if len(p) == 1 else "missing")
EOF
}

"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>"$MSP_TMP/run1.err" && fail "a batch with a broken paper succeeded"
NS=$(ls "$PROJECT"/data/papers/*.xml | wc -l)   # the sample papers, every language version
[ "$(json_total "$out" built)" -eq "$NS" ] || { cat "$MSP_TMP/run1.err"; fail "expected $NS papers built"; }

check_counts() {   # RUN: every sample's counts match its own build
    local f name
    for f in "$PROJECT/data/papers/"*.xml; do
        name=$(basename "$f")
        "$MSPDOC" build "$src/$name" -o "$MSP_TMP/$name.pdf" --layout-report "$MSP_TMP/$name.tsv" >/dev/null 2>&1 \
            || fail "build $name"
        local want
        for k in loose overfull hyphenated; do
            want=$(count "$MSP_TMP/$name.tsv" "$k")
            [ "$(field "${k}_lines" "$name")" = "$want" ] || fail "$1: $name ${k}_lines = $(field "${k}_lines" "$name"), build says $want"
        done
        want=$(count "$MSP_TMP/$name.tsv" beyond-tolerance)
        [ "$(field lines_beyond_tolerance "$name")" = "$want" ] \
            || fail "$1: $name lines_beyond_tolerance $(field lines_beyond_tolerance "$name"), want $want"
    done
}
check_counts "first run"
[ "$(field hyphenated_lines 000-coop-assistance-report.xml)" -gt 0 ] || fail "the sample report has no hyphenated line end"
for k in lines_beyond_tolerance loose_lines overfull_lines hyphenated_lines; do
    [ "$(field "$k" broken.xml)" = 0 ] || fail "failed paper: $k = $(field "$k" broken.xml)"
done
grep -q 'hyphenated line end' "$out/index.html" || fail "index.html has no layout counts"
grep -Eq '<span class="layout( beyond)?">[0-9]+ lines? beyond tolerance \([0-9]+ loose, [0-9]+ overfull\)</span>' "$out/index.html" \
    || fail "index.html layout counts not in their span"

# up to date: the counts come back from the stamps
"$MSPDOC" batch "$src" -O "$out" -j 2 -q 2>/dev/null && fail "second run succeeded with a broken paper"
[ "$(json_total "$out" up_to_date)" -eq "$NS" ] || fail "second run: papers not up to date"
check_counts "second run"
echo "ok: batch layout counts"
