#!/usr/bin/env bash
# Common authoring mistakes (tests/bad/authoring/cases.tsv): each source gives
# exactly one error, with the expected text, location, hint and exit code, the
# same from `mspdoc check` and `mspdoc build` (which writes no PDF), and the
# same single message in the batch report (index.json) of a nightly run.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP/src"
fail() { echo "FAIL: $*" >&2; bad=1; }
bad=0
dir="$MSP_ROOT/tests/bad/authoring"
cp "$dir"/*.xml "$MSP_TMP/src/"
cd "$MSP_TMP/src"
n=0
while IFS=$'\t' read -r case want_rc want_line want_hint; do
    case "$case" in '#'*|'') continue;; esac
    n=$((n + 1))
    for cmd in check build; do
        rc=0
        if [ "$cmd" = build ]; then
            "$MSPDOC" build "$case" -o "$MSP_TMP/$case.pdf" > /dev/null 2> "$MSP_TMP/err" || rc=$?
            [ -e "$MSP_TMP/$case.pdf" ] && fail "$case: build wrote a PDF"
        else
            "$MSPDOC" check "$case" > /dev/null 2> "$MSP_TMP/err" || rc=$?
        fi
        [ "$rc" = "$want_rc" ] || fail "$case ($cmd): exit $rc, want $want_rc"
        errors=$(grep -c ': error: ' "$MSP_TMP/err" || true)
        [ "$errors" = 1 ] || { fail "$case ($cmd): $errors errors, want 1"; cat "$MSP_TMP/err" >&2; }
        line=$(grep ': error: ' "$MSP_TMP/err" | head -1)
        [ "$line" = "$want_line" ] || fail "$case ($cmd): got '$line', want '$want_line'"
        hint=$(grep '^  hint: ' "$MSP_TMP/err" | head -1 | sed 's/^  hint: //')
        [ "$hint" = "$want_hint" ] || fail "$case ($cmd): hint '$hint', want '$want_hint'"
    done
done < "$dir/cases.tsv"
[ "$n" -ge 25 ] || fail "only $n cases"

# the nightly report: one batch over all of them, each paper failed with that one message
"$MSPDOC" batch "$MSP_TMP/src" -O "$MSP_TMP/out" -q 2> /dev/null && fail "batch succeeded"
python3 - "$MSP_TMP/out/index.json" "$dir/cases.tsv" <<'PY' || bad=1
import json, os, sys
report = json.load(open(sys.argv[1]))
want = {}
for row in open(sys.argv[2], encoding='utf-8'):
    if row.startswith('#') or not row.strip():
        continue
    case, rc, line, hint = row.rstrip('\n').split('\t')
    want[case] = (line, hint)
seen = 0
bad = False
for p in report['papers']:
    case = os.path.basename(p['source'])
    if case not in want:
        continue
    seen += 1
    errs = p['errors']
    if p['status'] != 'failed' or len(errs) != 1:
        print(f'FAIL: report: {case}: status {p["status"]}, {len(errs)} errors', file=sys.stderr)
        bad = True
        continue
    e = errs[0]
    got = f'{os.path.basename(e["file"])}:{e["line"]}:{e["column"]}: error: {e["message"]}'
    if got != want[case][0] or (e['hint'] or '') != want[case][1]:
        print(f'FAIL: report: {case}: {got!r} / {e["hint"]!r}, want {want[case]!r}', file=sys.stderr)
        bad = True
if seen != len(want):
    print(f'FAIL: report lists {seen} of {len(want)} cases', file=sys.stderr)
    bad = True
sys.exit(1 if bad else 0)
PY
[ "$bad" = 0 ] || exit 1
echo "ok: $n authoring mistakes, one error each, in check, build and the batch report"
