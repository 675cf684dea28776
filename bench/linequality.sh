#!/usr/bin/env bash
# Line quality of mspdoc against Apache FOP on identical FO: the sample papers and a grown paper of
# >= 100 pages, measured by ../shared/bench/linequality.py, with the acceptance checks PASS/FAIL.
# usage: bash bench/linequality.sh [--build] [--no-fop-rebuild] [--worst N] [--work DIR] [--strict]
#   (see bench/README.md)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${MSP_SHARED:-$root/../shared}
lq=$shared/bench/linequality.py
fop_sh=$shared/bench/fop.sh
mspdoc=${MSPDOC:-$root/build/src/cli/mspdoc}
work=${TMPDIR:-/tmp}/mspdoc-lq
reuse_fop=0
worst=5
strict=0
build=0
min_pages=100

while [ $# -gt 0 ]; do
  case $1 in
    --no-fop-rebuild) reuse_fop=1 ;;
    --worst) worst=$2; shift ;;
    --worst=*) worst=${1#--worst=} ;;
    --work) work=$2; shift ;;
    --work=*) work=${1#--work=} ;;
    --strict) strict=1 ;;
    --build) build=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "linequality.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case $worst in ''|*[!0-9]*) echo "linequality.sh: --worst wants a number >= 0" >&2; exit 2 ;; esac

die() { echo "linequality.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

for t in xsltproc pdfinfo pdftotext python3 sha256sum; do
  command -v "$t" >/dev/null || die "$t is missing"
done
[ -f "$lq" ] || die "linequality.py not found: $lq (set MSP_SHARED)"
[ -f "$fop_sh" ] || die "fop.sh not found: $fop_sh (set MSP_SHARED)"
if [ "$build" = 1 ] && [ -z "${MSPDOC:-}" ]; then
  note "building mspdoc in $root/build"
  cmake --build "$root/build" --target mspdoc -j2 >"${TMPDIR:-/tmp}/mspdoc-lq.build.log" 2>&1 \
    || die "build failed, see ${TMPDIR:-/tmp}/mspdoc-lq.build.log"
fi
[ -x "$mspdoc" ] || die "no mspdoc at $mspdoc (cmake --build build, or set MSPDOC)"

# the work folder is kept between runs (it caches FOP's PDFs): only one made here, or an empty one
if [ -d "$work" ] && [ -n "$(ls -A "$work")" ] && [ ! -f "$work/.mspdoc-lq" ]; then
  die "$work is not empty and was not made by linequality.sh; choose another --work"
fi
mkdir -p "$work"
touch "$work/.mspdoc-lq"

t_start=$(date +%s)
fop_secs=0
# the body size linequality.py assumes for the modal word height: the font-size on fo:flow
body_size_of() {
  local s
  s=$(sed -n 's/.*<fo:flow [^>]*font-size="\([0-9.]*\)pt".*/\1/p' "$1" | head -n 1)
  echo "${s:-10}"
}
pages_of() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
count() { grep -o "$1" "$2" | wc -l; }

# --- the FO of each document -----------------------------------------------------------------
docs=()
for x in "$root"/data/papers/*.xml; do
  d=$(basename "$x" .xml)
  "$mspdoc" fo "$x" >"$work/$d.fo" 2>"$work/$d.fo.log" || die "mspdoc fo $x failed (see $work/$d.fo.log)"
  docs+=("$d")
done
[ ${#docs[@]} -gt 0 ] || die "no sample papers in $root/data/papers"

# the long document: bench/grow.xsl (as bench/run.sh uses it) repeats the body chapters of the 000
# sample COPIES times, with a footnote in four paragraphs of five; COPIES is the least that gives
# >= $min_pages pages (a trial at 10 copies, a linear estimate, then one more copy at a time)
# the original (English) version: a name without a language suffix (-fr, -ar, ...)
sample=$(ls "$root"/data/papers/000-*.xml | grep -Ev -- '-[a-z]{2}\.xml$' | head -n 1)
[ -f "$sample" ] || die "no sample paper data/papers/000-*.xml"
grow() { xsltproc --stringparam copies "$1" "$root/bench/grow.xsl" "$sample" >"$work/long.xml"; }
pages_with() {
  grow "$1"
  "$mspdoc" build "$work/long.xml" -o "$work/long-trial.pdf" >"$work/long-trial.log" 2>&1 \
    || die "mspdoc build fails on the grown paper (see $work/long-trial.log)"
  pages_of "$work/long-trial.pdf"
}
note "growing a paper of >= $min_pages pages from $(basename "$sample")"
p0=$(pages_with 0)
p10=$(pages_with 10)
copies=$(awk -v want="$min_pages" -v p0="$p0" -v p10="$p10" 'BEGIN {
  per = (p10 - p0) / 10; c = (per > 0) ? int((want - p0) / per) : 100; print (c < 1) ? 1 : c }')
pl=$(pages_with "$copies")
if [ "$pl" -lt "$min_pages" ]; then
  while [ "$pl" -lt "$min_pages" ]; do
    copies=$((copies + 1))
    pl=$(pages_with "$copies")
  done
else # the estimate may overshoot: one copy fewer at a time while it still gives enough pages
  while [ "$copies" -gt 1 ]; do
    pm=$(pages_with $((copies - 1)))
    [ "$pm" -ge "$min_pages" ] || break
    copies=$((copies - 1)) pl=$pm
  done
fi
grow "$copies"
long=long-$copies-copies
"$mspdoc" fo "$work/long.xml" >"$work/$long.fo" 2>"$work/$long.fo.log" \
  || die "mspdoc fo of the grown paper failed (see $work/$long.fo.log)"
long_fn=$(count '<fo:footnote[ >]' "$work/$long.fo")
long_lists=$(count '<items[ >]' "$work/long.xml")
long_items=$(count '<item[ >]' "$work/long.xml")
long_just=$(count 'text-align="justify"' "$work/$long.fo")
[ "$long_fn" -gt 0 ] || die "the grown paper has no footnotes ($work/$long.fo)"
[ "$long_lists" -gt 0 ] || die "the grown paper has no lists ($work/long.xml)"
docs+=("$long")

# --- render each FO with both engines --------------------------------------------------------
fop_key() { cat "$work/$1.fo" "$fop_sh" | sha256sum | cut -d' ' -f1; }
for d in "${docs[@]}"; do
  note "$d: mspdoc render"
  "$mspdoc" render "$work/$d.fo" -o "$work/$d-mspdoc.pdf" >"$work/$d-mspdoc.log" 2>&1 \
    || die "mspdoc render $d.fo failed (see $work/$d-mspdoc.log)"
  key=$(fop_key "$d")
  if [ "$reuse_fop" = 1 ] && [ -s "$work/$d-fop.pdf" ] && [ "$(cat "$work/$d-fop.key" 2>/dev/null)" = "$key" ]; then
    note "$d: FOP PDF reused (same FO)"
  else
    note "$d: fop"
    rm -f "$work/$d-fop.key"
    t0=$(date +%s)
    sh "$fop_sh" "$work/$d.fo" "$work/$d-fop.pdf" >"$work/$d-fop.log" 2>&1 \
      || die "fop on $d.fo failed (see $work/$d-fop.log)"
    fop_secs=$((fop_secs + $(date +%s) - t0))
    echo "$key" >"$work/$d-fop.key"
  fi
done

# --- measure -----------------------------------------------------------------------------------
echo
echo "mspdoc line quality against Apache FOP on identical FO, $(date -u '+%Y-%m-%d %H:%M UTC'), commit" \
  "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src templates 2>/dev/null || echo ' (+ uncommitted changes in src/ or templates/)')"
echo "binary: $mspdoc (built $(date -u -r "$mspdoc" '+%Y-%m-%d %H:%M UTC'))"
echo "$long: grow.xsl copies=$copies of $(basename "$sample"): $long_fn fo:footnote, $long_lists lists" \
  "(<items>, $long_items <item>), $long_just justified fo:block"
for d in "${docs[@]}"; do
  echo
  bs=$(body_size_of "$work/$d.fo")
  echo "### $d (pages: mspdoc $(pages_of "$work/$d-mspdoc.pdf"), fop $(pages_of "$work/$d-fop.pdf"); body ${bs} pt)"
  echo
  python3 "$lq" --ref fop --body-size "$bs" "fop=$work/$d-fop.pdf" "mspdoc=$work/$d-mspdoc.pdf" \
    --json "$work/$d.json" --lines "$work/$d.lines.csv" --worst "$worst" >"$work/$d.txt" \
    || die "linequality.py failed on $d"
  cat "$work/$d.txt"
done

# --- acceptance checks --------------------------------------------------------------------------
echo
echo "## acceptance checks (mspdoc against fop)"
set +e
python3 - "$work" "$min_pages" "${docs[@]}" <<'EOF'
import csv, json, re, sys

work, min_pages, docs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
SLASH_STRETCH = 1.25  # (d): a line ending in '/' is 'stretched' when its gaps exceed this
fails = 0


def verdict(ok):
    return 'PASS' if ok else 'FAIL'


def mark(ok):
    return '[ok]' if ok else '[no]'


for d in docs:
    with open(f'{work}/{d}.json') as f:
        j = json.load(f)
    m, r = j['mspdoc'], j['fop']
    print(f'\n{d}')
    res = []

    if d.startswith('long-'):
        ok = m['pages'] >= min_pages
        res.append(ok)
        print(f"  (0) long document: {m['pages']} pages (fop {r['pages']}) >= {min_pages}: {verdict(ok)}")

    # NaN (no measured line) compares false: a FAIL
    c = [m['max'] <= 1.6, m['p90'] <= r['p90'], m['min'] >= 0.75]
    res.append(all(c))
    print(f"  (a) word gaps: max {m['max']:.3f} <= 1.6 {mark(c[0])}, p90 {m['p90']:.3f} <= fop p90"
          f" {r['p90']:.3f} {mark(c[1])}, min {m['min']:.3f} >= 0.75 {mark(c[2])}"
          f" ({m['lines']} lines measured): {verdict(all(c))}")

    lim = 0.6 * r['hyph_inserted']
    c = [m['hyph_inserted'] <= lim, m['ladder'] <= 2]
    res.append(all(c))
    print(f"  (b) hyphens: inserted {m['hyph_inserted']} <= 0.6 x fop {r['hyph_inserted']} = {lim:.1f}"
          f" {mark(c[0])}, longest run {m['ladder']} <= 2 {mark(c[1])}"
          f" (compound, not counted: mspdoc {m['hyph_compound']}, fop {r['hyph_compound']}): {verdict(all(c))}")

    pc = re.match(r'(\d+)/(\d+) equal \((\d+)/(\d+) of multi-line\); (\d+) longer, (\d+) shorter',
                  m.get('para_compare', ''))
    if pc:
        eq, common, _, _, longer, shorter = map(int, pc.groups())
        share = (common - longer) / common if common else float('nan')
        ok = common > 0 and share >= 0.98
        res.append(ok)
        print(f"  (c) body paragraphs with line count <= fop's: {common - longer}/{common} = "
              f"{100 * share:.1f} % >= 98 % ({eq} equal, {shorter} shorter, {longer} longer): {verdict(ok)}")
    else:
        res.append(False)
        print(f"  (c) body paragraphs: cannot read para_compare {m.get('para_compare')!r}: FAIL")

    slash = []
    with open(f'{work}/{d}.lines.csv', newline='') as f:
        for row in csv.DictReader(f):
            if row['tool'] == 'mspdoc' and row['text'].endswith(('/', '\u200b')):
                slash.append(float(row['ratio']))
    if m['url_slash_ends'] == 0:
        print(f"  (d) lines ending in '/': none in mspdoc (fop {r['url_slash_ends']}): SKIP (not measurable)")
    else:
        bad = sum(x > SLASH_STRETCH for x in slash)
        ok = bad == 0
        res.append(ok)
        print(f"  (d) lines ending in '/': {m['url_slash_ends']} (fop {r['url_slash_ends']}), {len(slash)}"
              f" measured, {bad} with gaps > {SLASH_STRETCH} x normal space"
              f" (worst {max(slash, default=0):.2f}): {verdict(ok)}")
    fails += not all(res)
    print(f"  => {d}: {verdict(all(res))}")

sys.exit(3 if fails else 0)  # 1: an error in this script
EOF
checks=$?
set -e
t_end=$(date +%s)
echo
echo "time: $((t_end - t_start)) s in all, of which fop $fop_secs s; files: $work"
case $checks in
  0) exit 0 ;;
  3) [ "$strict" = 1 ] && exit 1; exit 0 ;;
  *) die "the checks failed to run" ;;
esac
