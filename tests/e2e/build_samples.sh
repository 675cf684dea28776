#!/bin/bash
# Builds every sample paper of data/papers/ with `mspdoc build` and checks the
# PDFs: default output name from the symbol, words of the source in the text
# layer (pdftotext), every font embedded (pdffonts), metadata (pdfinfo).
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
# in_text WORD: WORD is in the text layer. Arabic (right-to-left) papers: pdftotext splits a
# word where a glyph's cursive attachment leaves a gap ("تقرير" reads "تقر ير"), so the
# text is also searched with its spaces and bidi marks taken out, and it prints a number range
# of an Arabic line in visual order ("2025-2026" reads "2026-2025", the order the bidi
# algorithm gives European digits after Arabic letters)
in_text() {
    grep -qF -- "$1" <<<"$text" && return 0
    [ -n "$rtl" ] || return 1
    grep -qF -- "$1" <<<"$flat" && return 0
    [[ $1 =~ ^([0-9]+)-([0-9]+)$ ]] && grep -qF -- "${BASH_REMATCH[2]}-${BASH_REMATCH[1]}" <<<"$text"
}

shopt -s nullglob
samples=("$MSP_ROOT"/data/papers/*.xml)
[ ${#samples[@]} -gt 0 ] || fail "no samples in data/papers"
for src in "${samples[@]}"; do
    out="$MSP_TMP/$(basename "$src" .xml).pdf"
    "$MSPDOC" build "$src" -o "$out" --area-tree "$MSP_TMP/$(basename "$src" .xml).tree.xml" \
        || fail "build $src"
    [ -s "$out" ] || fail "no PDF for $src"
    text=$(pdftotext -layout "$out" - | tr -s ' \n' '  ')
    rtl=$(xmllint --xpath 'string(/*/@xml:lang)' "$src" | grep -x ar || true)
    flat=$(sed 's/[[:space:]]//g; s/\xe2\x80[\xaa-\xae]//g' <<<"$text")
    # every word of the title must be in the text layer
    title=$(xmllint --xpath 'string(//*[local-name()="meta"]/*[local-name()="title"])' "$src")
    title=${title//\'/ }   # "d'application": the words either side of an apostrophe
    title=${title//’/ }
    # (punctuation splits words: Chinese has no spaces, "2025–2026" is two numbers)
    for w in ${title//[^[:alnum:]-]/ }; do
        in_text "$w" || fail "$src: title word '$w' missing from the PDF text"
    done
    # first words of the first paragraph
    para=$(xmllint --xpath 'string((//*[local-name()="p"])[1])' "$src" | tr "'’" '  ' | tr -s ' \n' '  ' | cut -d' ' -f1-6)
    for w in ${para//[^[:alnum:]]/ }; do
        in_text "$w" || fail "$src: paragraph word '$w' missing"
    done
    # all fonts embedded
    pdffonts "$out" | tail -n +3 | awk '{ if ($(NF-4) != "yes") { print; bad=1 } } END { exit bad }' \
        || fail "$src: a font is not embedded"
    info=$(pdfinfo "$out")
    grep -q "^Title: *$(echo "$title" | tr -s ' \n' '  ' | sed 's/ *$//' | cut -c1-30)" <<<"$info" \
        || fail "$src: PDF title is not the paper title"
    grep -q '^Creator: *mspdoc' <<<"$info" || fail "$src: no Creator"
    [ -s "$MSP_TMP/$(basename "$src" .xml).tree.xml" ] || fail "$src: no area tree"
done

# default output name from the symbol, under out/ of the current folder
report="$MSP_ROOT/data/papers/000-coop-assistance-report.xml"
if [ -f "$report" ]; then
    "$MSPDOC" build "$report" >/dev/null || fail "default build"
    [ -s out/APLC_MSP.22_2025_22-E.pdf ] || fail "default output out/APLC_MSP.22_2025_22-E.pdf missing"
    pdfinfo out/APLC_MSP.22_2025_22-E.pdf | grep -q '^Subject: *APLC/MSP.22/2025/22$' || fail "Subject is not the symbol"
fi
echo "OK: ${#samples[@]} samples built"
