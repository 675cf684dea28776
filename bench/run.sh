#!/usr/bin/env bash
# Speed and memory benchmark of mspdoc against the floor probe (../shared/bench/floor.sh) and
# Apache FOP; prints one table with the targets and PASS/MISS. Not a test: nothing here is run by
# ctest. usage: bash bench/run.sh [--no-fop] [--reps N] [--work DIR]   (see bench/README.md)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
stale=""
shared=${MSP_SHARED:-$root/../shared}
floor_sh=$shared/bench/floor.sh
fop_sh=$shared/bench/fop.sh
reps=3
use_fop=1
work=${TMPDIR:-/tmp}/mspdoc-bench

while [ $# -gt 0 ]; do
  case $1 in
    --no-fop) use_fop=0 ;;
    --reps) reps=$2; shift ;;
    --reps=*) reps=${1#--reps=} ;;
    --work) work=$2; shift ;;
    --work=*) work=${1#--work=} ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case $reps in ''|*[!0-9]*|0) echo "run.sh: --reps wants a number >= 1" >&2; exit 2 ;; esac

die() { echo "run.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
command -v pdfinfo >/dev/null || die "pdfinfo is missing (apt-get install poppler-utils)"
command -v xsltproc >/dev/null || die "xsltproc is missing (apt-get install xsltproc)"
[ -f "$floor_sh" ] || die "floor probe not found: $floor_sh (set MSP_SHARED)"

# --- the program: build-bench in Release, (re)configured when missing or not Release --------
build=$root/build-bench
if [ -n "${MSPDOC:-}" ]; then
  mspdoc=$MSPDOC
else
  if ! grep -q '^CMAKE_BUILD_TYPE:[A-Z]*=Release$' "$build/CMakeCache.txt" 2>/dev/null; then
    note "configuring $build (Release)"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >"$work.cmake.log" 2>&1 \
      || die "cmake failed, see $work.cmake.log"
  fi
  note "building mspdoc in $build"
  mspdoc=$build/src/cli/mspdoc
  if ! nice cmake --build "$build" --target mspdoc -j2 >"$work.build.log" 2>&1; then
    [ -x "$mspdoc" ] || die "build failed, see $work.build.log"
    stale=" STALE BINARY (the build failed, see $work.build.log)"
    note "build failed (see $work.build.log); measuring the previous binary"
  fi
fi
[ -x "$mspdoc" ] || die "no mspdoc at $mspdoc"

# the work folder is emptied: only one that this script made (it holds the marker) or an empty one
if [ -d "$work" ] && [ -n "$(ls -A "$work")" ] && [ ! -f "$work/.mspdoc-bench" ]; then
  die "$work is not empty and was not made by run.sh; choose another --work"
fi
rm -rf "$work"
mkdir -p "$work"
touch "$work/.mspdoc-bench"
# the original (English) version: a name without a language suffix (-fr, -ar, ...)
sample=$(ls "$root"/data/papers/000-*.xml | grep -Ev -- '-[a-z]{2}\.xml$' | head -n 1)
[ -f "$sample" ] || die "no sample paper data/papers/000-*.xml"

pages_of() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# measure NAME CMD...: runs CMD $reps times under GNU time (each time $LOOP times in a row, for
# runs too short for the 10 ms resolution of GNU time; the times are divided by $LOOP); sets M_WALL M_CPU (medians, seconds)
# and M_RSS (median peak RSS, MB). Output of CMD goes to $work/NAME.log.
measure() {
  local name=$1; shift
  local i tf=$work/$name.times
  : >"$tf"
  for ((i = 0; i < reps; i++)); do
    "${MEASURE_BEFORE[@]:-true}"
    /usr/bin/time -f '%e %U %S %M' -o "$work/$name.t" \
      bash -c 'n=$1; shift; for ((k = 0; k < n; k++)); do "$@" || exit 1; done' _ "$LOOP" "$@" \
      >"$work/$name.log" 2>&1 || die "$name failed: $* (see $work/$name.log)"
    tail -n 1 "$work/$name.t" | awk -v n="$LOOP" '{ print $1 / n, $2 / n, $3 / n, $4 }' >>"$tf"
  done
  M_WALL=$(awk '{ print $1 }' "$tf" | median)
  M_CPU=$(awk '{ print $2 + $3 }' "$tf" | median)
  M_RSS=$(awk '{ print $4 / 1024 }' "$tf" | median)
}

# paired FLOOR-NAME FLOOR-CMD... -- NAME CMD...: the floor and mspdoc measured in turn, one run of
# each per repetition (a machine whose speed drifts during the run slows both alike), each as in
# measure; sets F_* and M_* (medians) and R_WALL R_CPU: the median of the per-repetition ratios
# mspdoc / floor, the figures compared with the targets.
paired() {
  local fname=$1; shift
  local fcmd=()
  while [ "$1" != "--" ]; do fcmd+=("$1"); shift; done
  shift
  local mname=$1; shift
  local i ff=$work/$fname.times mf=$work/$mname.times rf=$work/$mname.ratios
  : >"$ff"; : >"$mf"; : >"$rf"
  local saved=$reps
  for ((i = 0; i < saved; i++)); do
    reps=1
    measure "$fname" "${fcmd[@]}"
    cat "$work/$fname.times" >>"$ff.all"
    local fw=$M_WALL fc=$M_CPU
    measure "$mname" "$@"
    cat "$work/$mname.times" >>"$mf.all"
    awk -v mw="$M_WALL" -v mc="$M_CPU" -v fw="$fw" -v fc="$fc" \
      'BEGIN { print (fw > 0 ? mw / fw : 0), (fc > 0 ? mc / fc : 0) }' >>"$rf"
  done
  reps=$saved
  mv "$ff.all" "$ff"; mv "$mf.all" "$mf"
  F_WALL=$(awk '{ print $1 }' "$ff" | median)
  F_CPU=$(awk '{ print $2 + $3 }' "$ff" | median)
  F_RSS=$(awk '{ print $4 / 1024 }' "$ff" | median)
  M_WALL=$(awk '{ print $1 }' "$mf" | median)
  M_CPU=$(awk '{ print $2 + $3 }' "$mf" | median)
  M_RSS=$(awk '{ print $4 / 1024 }' "$mf" | median)
  R_WALL=$(awk '{ print $1 }' "$rf" | median)
  R_CPU=$(awk '{ print $2 }' "$rf" | median)
}

rows=()
MEASURE_BEFORE=()
LOOP=1
# row WORKLOAD WHAT PAGES WALL CPU RSS WALL-RATIO CPU-RATIO TARGET RESULT
row() { rows+=("$(printf '%s\037' "$@")"); }
pps() { awk -v p="$1" -v w="$2" 'BEGIN { printf "%.0f", (w > 0) ? p / w : 0 }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
  ok = (op == "<=") ? v <= t : (op == "<") ? v < t : (op == ">=") ? v >= t : 0
  print ok ? "PASS" : "MISS" }'; }
# judge WALL-RATIO CPU-RATIO OP LIMIT: the verdict on wall time, and the one on CPU time when it differs
judge() {
  local w c
  w=$(verdict "$1" "$3" "$4") c=$(verdict "$2" "$3" "$4")
  if [ "$w" = "$c" ]; then echo "$w"; else echo "$w (cpu: $c)"; fi
}
# compare WORKLOAD WHAT PAGES OP LIMIT TARGET: a row for the last measure against the floor in F_*
compare() {
  local rw rc
  rw=$(div "$M_WALL" "$F_WALL") rc=$(div "$M_CPU" "$F_CPU")
  if [ -n "${R_WALL:-}" ]; then
    rw=$(printf '%.2f' "$R_WALL") rc=$(printf '%.2f' "$R_CPU")
  fi
  row "$1" "$2" "$3" "$M_WALL" "$M_CPU" "$M_RSS" "$rw" "$rc" "$6" "$(judge "$rw" "$rc" "$4" "$5")"
}
floor_row() { row "" "$1" "$2" "$F_WALL" "$F_CPU" "$F_RSS" 1.00 1.00 "" ""; }
measure_floor() { measure "$@"; F_WALL=$M_WALL F_CPU=$M_CPU F_RSS=$M_RSS; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
note "warming up (floor probe compile, font caches)"
sh "$floor_sh" 1 "$work/warm-floor.pdf" >/dev/null
"$mspdoc" build "$sample" -o "$work/warm.pdf" >/dev/null 2>&1 || die "mspdoc build fails on $sample"

# --- (1) one paper, whole process (10 runs in a row per measure: they are short) -----------
note "(1) one paper"
LOOP=10
paired w1-floor sh "$floor_sh" 3 "$work/w1-floor.pdf" -- w1-mspdoc "$mspdoc" build "$sample" -o "$work/w1.pdf"
LOOP=1
p1=$(pages_of "$work/w1.pdf")
compare "(1) one paper" "mspdoc build" "$p1" '<=' 3 "<= 3x floor"
floor_row "floor.sh 3" 3

# --- (2) 100-page paper with notes -----------------------------------------------------------
# grow.xsl repeats the body chapters COPIES times with a footnote in 4 paragraphs of 5; the number
# of copies for N pages comes from a trial (pages grow linearly with copies), corrected once.
note "(2) 100-page paper"
grow() { xsltproc --stringparam copies "$1" "$root/bench/grow.xsl" "$sample" >"$2"; }
pages_with() {
  grow "$1" "$work/trial.xml"
  "$mspdoc" build "$work/trial.xml" -o "$work/trial.pdf" >/dev/null 2>&1 \
    || die "mspdoc build fails on the grown paper $work/trial.xml"
  pages_of "$work/trial.pdf"
}
# copies_for PAGES C0 P0 C1 P1: linear interpolation through two trials
copies_for() { awk -v want="$1" -v c0="$2" -v p0="$3" -v c1="$4" -v p1="$5" 'BEGIN {
  per = (p1 - p0) / (c1 - c0); c = int(c0 + (want - p0) / per + 0.5); print (c < 1) ? 1 : c }'; }
pt=$(pages_with 10)
c100=$(copies_for 100 0 "$p1" 10 "$pt")
pc=$(pages_with "$c100")
[ "$pc" = 100 ] || c100=$(copies_for 100 10 "$pt" "$c100" "$pc")
c10=$(copies_for 10 0 "$p1" 10 "$pt")
pc=$(pages_with "$c10")
[ "$pc" = 10 ] || [ "$pc" = "$p1" ] || c10=$(copies_for 10 0 "$p1" "$c10" "$pc")
grow "$c100" "$work/p100.xml"
grow "$c10" "$work/p10.xml"
notes100=$(grep -o '<note' "$work/p100.xml" | wc -l)
paras100=$(grep -o '<p[ >]' "$work/p100.xml" | wc -l)

paired w2-floor sh "$floor_sh" 100 "$work/w2-floor.pdf" -- w2-mspdoc "$mspdoc" build "$work/p100.xml" -o "$work/p100.pdf"
p2=$(pages_of "$work/p100.pdf")
compare "(2) $p2-page paper" "mspdoc build" "$p2" '<=' 1.5 "<= 1.5x floor"
row "" "  its peak RSS" "" "" "" "" "" "" "<= 60 MB" "$(verdict "$M_RSS" '<=' 60)"
floor_row "floor.sh 100" 100
R_WALL=""
measure w2-10 "$mspdoc" build "$work/p10.xml" -o "$work/p10.pdf"
p10=$(pages_of "$work/p10.pdf")
row "(2) $p10-page paper" "mspdoc build" "$p10" "$M_WALL" "$M_CPU" "$M_RSS" "" "" "(for RSS)" ""

# --- (3) 50 distinct papers through batch -j 2, (4) the same again (no-op) ------------------
note "(3) 50 papers, batch -j 2"
mkdir -p "$work/papers50"
for ((n = 1; n <= 50; n++)); do
  xsltproc --stringparam number "$((100 + n))" "$root/bench/grow.xsl" "$sample" \
    >"$work/papers50/paper-$n.xml"
done
clean_out() { rm -rf "$work/out50"; }
MEASURE_BEFORE=(clean_out)
paired w3-floor sh "$floor_sh" 3 "$work/w3-floor.pdf" 50 -- w3-mspdoc "$mspdoc" batch "$work/papers50" -O "$work/out50" -j 2 -q
MEASURE_BEFORE=()
npdf=$(find "$work/out50" -name '*.pdf' | wc -l)
[ "$npdf" -eq 50 ] || die "batch made $npdf PDFs, not 50 (see $work/w3-mspdoc.log)"
p3=0
for f in "$work"/out50/*.pdf; do p3=$((p3 + $(pages_of "$f"))); done
compare "(3) 50 papers -j 2" "mspdoc batch" "$p3" '<=' 1.0 "<= 1.0x floor"
floor_row "floor.sh 3 50" 150

note "(4) the same 50, nothing changed"
R_WALL=""
touch "$work/before-noop"
sleep 1
LOOP=5
measure w4-mspdoc "$mspdoc" batch "$work/papers50" -O "$work/out50" -j 2 -q
LOOP=1
rebuilt=$(find "$work/out50" -name '*.pdf' -newer "$work/before-noop" | wc -l)
if [ "$rebuilt" -eq 0 ]; then
  compare "(4) no-op batch" "mspdoc batch" 0 '<' 0.1 "< 0.1x floor 50"
else
  row "(4) no-op batch" "mspdoc batch" 0 "$M_WALL" "$M_CPU" "$M_RSS" "$(div "$M_WALL" "$F_WALL")" \
    "$(div "$M_CPU" "$F_CPU")" "< 0.1x floor 50" "MISS ($rebuilt PDFs rebuilt)"
fi

# --- Apache FOP on the identical FO of the 100-page paper -----------------------------------
if [ "$use_fop" = 1 ]; then
  note "FOP on the $p2-page FO (installs fop the first time)"
  "$mspdoc" fo "$work/p100.xml" >"$work/p100.fo" 2>"$work/fo.log" || die "mspdoc fo failed (see $work/fo.log)"
  sh "$fop_sh" "$work/p100.fo" "$work/warm-fop.pdf" >"$work/fop-warm.log" 2>&1 \
    || die "fop failed (see $work/fop-warm.log)"
  measure fop-render "$mspdoc" render "$work/p100.fo" -o "$work/p100-render.pdf"
  F_WALL=$M_WALL F_CPU=$M_CPU
  row "FOP, same FO" "mspdoc render" "$(pages_of "$work/p100-render.pdf")" "$M_WALL" "$M_CPU" "$M_RSS" "" "" "" ""
  measure fop sh "$fop_sh" "$work/p100.fo" "$work/p100-fop.pdf"
  sw=$(div "$M_WALL" "$F_WALL") sc=$(div "$M_CPU" "$F_CPU")
  row "" "fop" "$(pages_of "$work/p100-fop.pdf")" "$M_WALL" "$M_CPU" "$M_RSS" "$sw" "$sc" \
    ">= 10x (fop/mspdoc)" "$(judge "$sw" "$sc" '>=' 10)"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table ---------------------------------------------------------------------------
echo
echo "mspdoc benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')," \
  "$(nproc) cores, load average $load_before before / $load_after after"
[ -z "$stale" ] || echo "WARNING:$stale"
echo "median of $reps runs ((1): 10 runs in a row per measure, (4): 5); seconds per run; peak RSS in MB"
echo "x floor = mspdoc / floor probe, on wall time and on CPU time (user + sys); (1)-(3): the median of the ratios of"
echo "  runs made in turn (floor, mspdoc, floor, ...); FOP row: fop / mspdoc render"
echo "verdict on wall time; '(cpu: ...)' when CPU time says otherwise (wall is unreliable on a busy machine)"
echo "(2): $notes100 footnotes in $paras100 paragraphs"
echo
{
  printf 'workload\twhat\tpages\twall\tcpu\tpeak RSS\tpages/s\tx floor wall\tx floor cpu\ttarget\tresult\n'
  for r in "${rows[@]}"; do
    IFS=$'\037' read -r wl what pg wall cpu rss rw rc target res <<<"$r"
    pp=""
    [ -n "$wall" ] && [ -n "$pg" ] && [ "$pg" != 0 ] && pp=$(pps "$pg" "$wall")
    [ -n "$wall" ] && wall=$(printf '%.3f' "$wall")
    [ -n "$cpu" ] && cpu=$(printf '%.3f' "$cpu")
    [ -n "$rss" ] && rss=$(printf '%.1f' "$rss")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "${wl:--}" "${what:--}" "${pg:--}" "${wall:--}" "${cpu:--}" "${rss:--}" "${pp:--}" "${rw:--}" \
      "${rc:--}" "${target:--}" "${res:--}"
  done
} | column -t -s $'\t'
echo
echo "files: $work"
