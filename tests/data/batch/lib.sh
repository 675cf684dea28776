# Shared by tests/e2e/batch_*.sh: a private project root (so templates can be
# changed), sources made from the sample papers by varying the symbol, and
# checks on output folders. Sourced, not run.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"
mkdir -p "$MSP_TMP"
PROJECT="$MSP_ROOT"
SAMPLE="$PROJECT/data/papers/000-coop-assistance-report.xml"

fail() { echo "FAIL: $*" >&2; exit 1; }

# A copy of the project root's templates/, data/, fonts/ and hyphen/ in $MSP_TMP/root.
private_root() {
    mkdir -p "$MSP_TMP/root"
    cp -r "$MSP_ROOT/templates" "$MSP_ROOT/fonts" "$MSP_ROOT/hyphen" "$MSP_ROOT/color" "$MSP_TMP/root/"
    mkdir -p "$MSP_TMP/root/data"
    find "$MSP_ROOT/data" -maxdepth 1 -type f -exec cp {} "$MSP_TMP/root/data/" \;
    export MSP_ROOT="$MSP_TMP/root"
}

# make_paper N FILE [REPEAT]: the sample report as APLC/MSP.22/2025/N, its
# body repeated REPEAT times (longer papers, for interrupting a batch).
make_paper() {
    local n=$1 out=$2 repeat=${3:-1}
    sed -e "s|<symbol>APLC/MSP.22/2025/22</symbol>|<symbol>APLC/MSP.22/2025/$n</symbol>|" "$SAMPLE" > "$out.tmp"
    if [ "$repeat" -gt 1 ]; then
        awk -v r="$repeat" '
            /<body>/ { inbody = 1; print; next }
            /<\/body>/ { for (k = 2; k <= r; k++) { gsub(/ id="[^"]*"/, "", body); printf "%s", body } inbody = 0; print; next }
            inbody { body = body $0 "\n" }
            { print }' "$out.tmp" > "$out"
        rm -f "$out.tmp"
    else
        mv "$out.tmp" "$out"
    fi
}

count_pdfs() { find "$1" -maxdepth 1 -name '*.pdf' | wc -l; }

# index.json's totals, e.g. json_total OUT built
json_total() { grep -o "\"$2\":[0-9]*" "$1/index.json" | sed -n 1p | cut -d: -f2; }

# No temporary or partial output: every PDF opens, no .tmp left behind.
no_partial_output() {
    local out=$1
    if [ -n "$(find "$out" -name '*.tmp')" ]; then
        find "$out" -name '*.tmp' >&2
        fail "temporaries left in $out"
    fi
    local f
    for f in "$out"/*.pdf; do
        [ -e "$f" ] || continue
        pdfinfo "$f" >/dev/null 2>&1 || fail "incomplete PDF $f"
    done
}
