#!/usr/bin/env bash
# Same characters as Apache FOP? Runs ../shared/bench/fopcorpus.sh over FOP's layout-engine cases,
# then renders every in-subset case that mspdoc rendered with FOP too (../shared/bench/fop.sh) and
# compares the texts of the two PDFs (pdftotext), ignoring whitespace and hyphenation: hyphens
# (-, U+2010, U+00AD) and all white space are dropped, and the characters are compared as a
# multiset, since pdftotext's reading order of superscripts, notes and columns differs between
# the two PDFs for the same content ("same"); "same, in order" when the strings are equal too.
#
# usage: bash bench/fopcompare.sh [-j N] [-p GLOB] [-s SUBSET.md] FOP_GIT_DIR [MSPDOC] [OUTDIR]
#   FOP_GIT_DIR  a git directory of github apache/xmlgraphics-fop (the library's fetch gives one)
#   MSPDOC       the binary (default build/src/cli/mspdoc)
#   OUTDIR       results (default ${TMPDIR:-/tmp}/mspdoc-fopcompare): compare.tsv (case, verdict,
#                mspdoc chars, fop chars, first difference), summary.txt
#   -j N         cases at once (default 2); -p GLOB: only cases matching GLOB;
#   -s FILE      the subset description passed to fopcorpus.sh (default docs/fo-subset.md)
# FOP's PDFs are cached by the FO's SHA-256 under OUTDIR/fop-cache (FOP takes seconds a case).
# Nothing of FOP's is copied into the project: the cases live in temp folders only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MSP_SHARED:-$root/../shared}
jobs=2 pattern='' subset=$root/docs/fo-subset.md
while getopts 'j:p:s:h' opt; do
  case $opt in
    j) jobs=$OPTARG ;;
    p) pattern=$OPTARG ;;
    s) subset=$OPTARG ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n '2,16p' "$0"; exit 2; }
fopgit=$1
mspdoc=${2:-$root/build/src/cli/mspdoc}
out=${3:-${TMPDIR:-/tmp}/mspdoc-fopcompare}
mkdir -p "$out/fop-cache" "$out/text"
[ -x "$mspdoc" ] || { echo "fopcompare.sh: no binary at $mspdoc" >&2; exit 2; }
grep -q '^## Elements' "$subset" 2>/dev/null || subset=$shared/format/FO-SUBSET.md

args=(-j "$jobs" -k -s "$subset")
[ -n "$pattern" ] && args+=(-p "$pattern")
log=$out/corpus.log
bash "$shared/bench/fopcorpus.sh" "${args[@]}" "$fopgit" "$mspdoc" >"$log" 2>&1 || true
tmp=$(sed -n 's/^FO files kept in \(.*\)\/fo$/\1/p' "$log" | tail -1)
[ -d "$tmp/fo" ] || { echo "fopcompare.sh: fopcorpus.sh left no FO folder (see $log)" >&2; exit 1; }
cases=$tmp/out/cases.tsv
sed -n '/^ran /,/^all /p' "$log"

norm() {  # PDF -> its characters without white space and line-end hyphens
  pdftotext -enc UTF-8 "$1" - 2>/dev/null | python3 -c '
import re, sys
t = sys.stdin.read()
t = re.sub("[-\u2010\u00ad]", "", t)
t = re.sub(r"\s+", "", t)
sys.stdout.write(t)'
}
export -f norm

one() {  # case -> a compare.tsv line
  c=$1 tmp=$2 out=$3 shared=$4
  fo=$tmp/fo/$c.fo pdf=$tmp/out/pdf/$c.pdf
  key=$(sha256sum "$fo" | cut -c1-64)
  fpdf=$out/fop-cache/$key.pdf
  if [ ! -s "$fpdf" ]; then
    (cd "$tmp/fo" && timeout 120 sh "$shared/bench/fop.sh" "$fo" "$fpdf.part" >/dev/null 2>&1) && mv "$fpdf.part" "$fpdf" || rm -f "$fpdf.part"
  fi
  if [ ! -s "$fpdf" ]; then
    printf '%s\tfop-failed\t\t\t\n' "$c"
    return
  fi
  norm "$pdf" >"$out/text/$c.mspdoc"
  norm "$fpdf" >"$out/text/$c.fop"
  python3 - "$c" "$out/text/$c.mspdoc" "$out/text/$c.fop" <<'EOF'
import sys
c, a, b = sys.argv[1], open(sys.argv[2], encoding='utf-8').read(), open(sys.argv[3], encoding='utf-8').read()
if a == b:
    print(f"{c}\tsame\t{len(a)}\t{len(b)}\tin order")
elif sorted(a) == sorted(b):
    print(f"{c}\tsame\t{len(a)}\t{len(b)}\tanother order")
else:
    from collections import Counter
    ca, cb = Counter(a), Counter(b)
    lost = ''.join(sorted((cb - ca).elements()))[:40]
    extra = ''.join(sorted((ca - cb).elements()))[:40]
    print(f"{c}\tdiffer\t{len(a)}\t{len(b)}\tmspdoc lacks '{lost}', has more '{extra}'")
EOF
}
export -f one

awk -F'\t' '$2=="in" && $5=="ok" {print $1}' "$cases" >"$out/rendered.txt"
n=$(wc -l <"$out/rendered.txt")
echo "comparing $n rendered in-subset cases with FOP ($jobs at once; cached FOP PDFs reused)"
xargs -a "$out/rendered.txt" -P "$jobs" -I{} bash -c 'one "$@"' _ {} "$tmp" "$out" "$shared" \
  | sort >"$out/compare.tsv"
same=$(awk -F'\t' '$2=="same"' "$out/compare.tsv" | wc -l)
differ=$(awk -F'\t' '$2=="differ"' "$out/compare.tsv" | wc -l)
fopfail=$(awk -F'\t' '$2=="fop-failed"' "$out/compare.tsv" | wc -l)
compared=$((same + differ))
{
  echo "in-subset cases rendered by mspdoc: $n"
  echo "compared with FOP: $compared (FOP failed on $fopfail)"
  if [ "$compared" -gt 0 ]; then
    echo "same characters: $same / $compared = $(python3 -c "print(f'{100*$same/$compared:.1f} %')")"
  fi
  echo "differing cases: $differ (see $out/compare.tsv)"
} | tee "$out/summary.txt"
rm -rf "$tmp"
