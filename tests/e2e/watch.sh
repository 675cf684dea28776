#!/usr/bin/env bash
# mspdoc watch: builds at start, rebuilds on every save of the source (written
# in place in two steps, or as a temporary renamed over it), of a template
# and of a data file; a save that breaks the source prints one located error
# and leaves the last good PDF byte for byte; Ctrl-C stops it with exit 0.
# A folder: new papers are built, removed ones reported, other XML ignored.
source "$MSP_ROOT/tests/data/batch/lib.sh"
private_root
cd "$MSP_TMP"

pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true' EXIT

# wait_log REGEX N WHAT: until the log has N lines matching REGEX (30 s at most,
# polled every 0.1 s); fails when the watch process ended first.
wait_log() {
    local i
    for i in $(seq 1 300); do
        [ "$(grep -cE -- "$1" log || true)" -ge "$2" ] && return 0
        kill -0 "$pid" 2>/dev/null || { cat log >&2; fail "watch ended while waiting for $3"; }
        sleep 0.1
    done
    cat log >&2
    fail "no $3 within 30 s"
}

count() { grep -cE -- "$1" log || true; }

# pdf_has PDF TEXT
pdf_has() {
    local text
    text=$(pdftotext "$1" - 2>/dev/null) || return 1
    grep -qF -- "$2" <<< "$text"
}

# stop: SIGINT, exit status 0 within 2 s
stop() {
    kill -INT "$pid"
    local i
    for i in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && fail "still running 2 s after SIGINT"
    local rc=0
    wait "$pid" || rc=$?
    pid=
    [ "$rc" -eq 0 ] || { cat log >&2; fail "exit status $rc after SIGINT, want 0"; }
}

# save_in_place FILE SED: the edited text written over FILE in two writes
# (the same inode, as an editor that truncates and writes does)
save_in_place() {
    sed -e "$2" "$1" > edit.tmp
    local half=$(( $(wc -c < edit.tmp) / 2 ))
    { head -c "$half" edit.tmp; tail -c +"$((half + 1))" edit.tmp; } > "$1"
    rm -f edit.tmp
}

# save_by_rename FILE SED: a new file beside it renamed over it (vim, emacs)
save_by_rename() {
    sed -e "$2" "$1" > ".$1.swp-like"
    mv ".$1.swp-like" "$1"
}

built='^built out\.pdf, [0-9]+ pages?, [0-9.]+ s$'
rebuilt='^rebuilt out\.pdf, [0-9]+ pages?, [0-9.]+ s$'
kept='^src\.xml: 1 error; kept the last good PDF out\.pdf$'

cp "$SAMPLE" src.xml
grep -qF 'to discuss its work plan' src.xml || fail "the sample changed: pick another sentence"
"$MSPDOC" watch src.xml -o out.pdf > log 2>&1 &
pid=$!
wait_log "$built" 1 "first build"
[ -s out.pdf ] || fail "no PDF after the first build"
pdf_has out.pdf 'to discuss its work plan' || fail "first PDF: text"

# 1. good: a word changed
save_in_place src.xml 's/to discuss its work plan/to debate its work plan/'
wait_log "$rebuilt" 1 "rebuild after the first edit"
pdf_has out.pdf 'to debate its work plan' || fail "first edit not in the PDF"
cp out.pdf good.pdf

# 2. broken: not well-formed
save_in_place src.xml 's|<heading>Activities of the Committee</heading>|<heading>Activities of the Committee</headin>|'
wait_log "$kept" 1 "error after the broken edit"
cmp -s out.pdf good.pdf || fail "the last good PDF changed while the source is broken"

# 3. good again
save_in_place src.xml 's|</headin>|</heading>|; s/to debate its work plan/to ponder its work plan/'
wait_log "$rebuilt" 2 "rebuild after the repair"
pdf_has out.pdf 'to ponder its work plan' || fail "the repaired source's PDF lacks the new word"
pdf_has out.pdf 'to debate its' && fail "the PDF still has the first edit's word"
[ "$(count "$built")" -eq 1 ] || { cat log >&2; fail "not exactly one first build"; }
[ "$(count "$rebuilt")" -eq 2 ] || { cat log >&2; fail "not exactly two rebuilds after three edits"; }
[ "$(count ': error: ')" -eq 1 ] || { cat log >&2; fail "not exactly one error message"; }
grep -qE '^src\.xml:[0-9]+:[0-9]+: error: ' log || { cat log >&2; fail "the error has no file:line:column"; }
[ "$(count "$kept")" -eq 1 ] || fail "not exactly one kept-PDF line"

# 4. an atomic-rename save
save_by_rename src.xml 's/to ponder its work plan/to weigh its work plan/'
wait_log "$rebuilt" 3 "rebuild after a save by rename"
pdf_has out.pdf 'to weigh its work plan' || fail "the renamed-over source was not built"

# 5. a template, then a data file: rebuilt with the build context reloaded
echo '<!-- watched -->' >> "$MSP_ROOT/templates/common.xsl"
wait_log "$rebuilt" 4 "rebuild after a template change"
echo '<!-- watched -->' >> "$MSP_ROOT/data/labels.xml"
wait_log "$rebuilt" 5 "rebuild after a data change"

stop
[ "$(count ': error: ')" -eq 1 ] || { cat log >&2; fail "errors after the repair"; }
[ -z "$(find . -name '*.tmp')" ] || fail "temporaries left: $(find . -name '*.tmp')"
pdfinfo out.pdf > /dev/null || fail "the last PDF does not open"

# A folder: the paper there is built, a new one too, XML that is not a paper
# is left alone, a removed one is reported, two making one PDF are named; SIGTERM stops it too (exit 0).
mkdir papers
cp "$SAMPLE" papers/a.xml
echo '<glossary/>' > papers/notes.xml
: > log
"$MSPDOC" watch papers -O dir-out > log 2>&1 &
pid=$!
wait_log '^built dir-out/APLC_MSP\.22_2025_22-E\.pdf, ' 1 "first build in a folder"
make_paper 7 papers/b.xml
wait_log '^built dir-out/APLC_MSP\.22_2025_7-E\.pdf, ' 1 "build of a new paper"
rm papers/b.xml
wait_log '^papers/b\.xml: removed' 1 "removal"
# a copy makes the same PDF: said, with both names
cp papers/a.xml papers/c.xml
wait_log '^papers/c\.xml: warning: its PDF dir-out/APLC_MSP\.22_2025_22-E\.pdf replaced the one made from papers/a\.xml$' 1 "the warning about a shared PDF"
grep -q 'notes\.xml' log && fail "XML that is not a paper was built"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" -eq 0 ] || { cat log >&2; fail "exit status $rc after SIGTERM, want 0"; }

# usage errors
rc=0; "$MSPDOC" watch papers -o one.pdf 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "-o with a folder: exit $rc, want 2"
rc=0; "$MSPDOC" watch 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "no argument: exit $rc, want 2"
echo "ok: watch"
