#!/usr/bin/env bash
# The documentation against the program: docs/ and README.md name no file
# outside the repository and every page they point at exists; docs/cli.md has
# a section for every command `mspdoc --help` lists and names every long
# option of each; the `$ mspdoc ...` examples of docs/*.md print the lines
# shown under them (an example showing none must succeed; lines with a
# machine's absolute paths or abridged with "..." are not compared); the README's
# "Using it" commands and the piped examples of docs/cli.md work.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"
rm -rf "$MSP_TMP" && mkdir -p "$MSP_TMP" && cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
DOCS="$MSP_ROOT/docs"
README="$MSP_ROOT/README.md"

# --- self-contained: no file of the shared folder is named; the benchmarks
# alone may use ../shared (their tools live there), and say so
if grep -nE 'FORMAT\.md|FO-SUBSET|CORRECTIONS\.md|STYLE\.md|LANGUAGES\.md' "$DOCS"/*.md "$README"; then
    fail "docs name a file outside the repository (above)"
fi
if grep -n '\.\./shared' "$DOCS"/*.md | grep -v '^[^:]*/performance\.md:'; then
    fail "docs/ names ../shared (above); only the benchmark notes may"
fi
grep -q 'need the `../shared`' "$README" || fail "README does not say the benchmarks need ../shared"
# every page named as docs/NAME.md or linked as (NAME.md) exists
for f in "$DOCS"/*.md "$README"; do
    for name in $(grep -oE 'docs/[a-z0-9-]+\.md|\]\([a-z0-9-]+\.md' "$f" | sed -E 's|^docs/||; s|^\]\(||' | sort -u); do
        [ -f "$DOCS/$name" ] || fail "$(basename "$f") points at docs/$name, which does not exist"
    done
done

# --- docs/cli.md documents every command and every long option
commands=$("$MSPDOC" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[ -n "$commands" ] || fail "mspdoc --help lists no commands"
title=$(head -n 1 "$DOCS/cli.md")
for c in $commands; do
    grep -q "^## \`mspdoc $c" "$DOCS/cli.md" || fail "docs/cli.md has no section '## \`mspdoc $c ...'"
    case "$title" in *" $c,"* | *" $c") ;; *) fail "the title of docs/cli.md does not list '$c': $title" ;; esac
    for opt in $("$MSPDOC" "$c" --help | grep -oE '^  (-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
        [ "$opt" = --help ] && continue
        grep -qF -- "$opt" "$DOCS/cli.md" || grep -qF -- "$opt" "$DOCS/nightly.md" \
            || fail "option $opt of 'mspdoc $c' is not in docs/cli.md"
    done
done

# --- a private copy of the sample papers: the examples may edit them (reissue)
mkdir -p run/data && cp -r "$MSP_ROOT/data/papers" run/data/
cd run
# the files the correction examples (docs/cli.md, docs/corrections.md) name
cp data/papers/000-coop-assistance-report.xml report.xml
perl -0p "$MSP_ROOT/tests/data/corrections/sample-corrections.pl" report.xml > report-corrected.xml
cp data/papers/000-coop-assistance-report-fr.xml report-fr.xml
sed 's/Le 11 juin 2025, le Comité/Le 12 juin 2025, le Comité/' report-fr.xml > report-fr-corrected.xml
# the examples run as written: `mspdoc` on the PATH, `build/src/cli/mspdoc` here
mkdir -p "$MSP_TMP/bin" build/src/cli
ln -s "$MSPDOC" "$MSP_TMP/bin/mspdoc"
ln -s "$MSPDOC" build/src/cli/mspdoc
export PATH="$MSP_TMP/bin:$PATH"

# The `$ mspdoc ...` lines in fenced blocks of docs/*.md, each followed by the
# output it shows (up to the next `$ ` line or the end of the block).
awk '
    FNR == 1 { inb = 0 }
    /^```/ { if (inb && cmd != "") { print "END" } inb = !inb; cmd = ""; next }
    inb && /^\$ mspdoc / { if (cmd != "") print "END"; cmd = substr($0, 3); print "CMD\t" FILENAME ":" FNR "\t" cmd; next }
    inb && /^\$ / { if (cmd != "") print "END"; cmd = ""; next }   # another command: not run
    inb && cmd != "" { print "OUT\t" $0 }
' "$DOCS"/*.md > examples.txt
n=$(grep -c '^CMD' examples.txt || true)
[ "$n" -ge 5 ] || fail "only $n \$ mspdoc examples found in docs/"

run_example() {   # $1 = place, $2 = command, $3 = file of the shown lines
    local place=$1 cmd=$2 shown=$3 rc=0
    # watch runs until it is stopped: e2e.watch runs it
    case "$cmd" in 'mspdoc watch'*) return ;; esac
    # each corrigendum example drafts the first one (Corr.1): no draft of an earlier example beside it
    case "$cmd" in 'mspdoc corrigendum'*) rm -rf report-corr[0-9]*.xml corr; mkdir corr ;; esac
    bash -c "$cmd" > example.out 2>&1 || rc=$?
    if [ ! -s "$shown" ]; then
        [ $rc -eq 0 ] || fail "$place: '$cmd' exits $rc: $(head -5 example.out)"
        return
    fi
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        grep -qxF -- "$line" example.out || fail "$place: '$cmd' does not print '$line'; it printed: $(head -20 example.out)"
    done < "$shown"
}
place='' cmd=''
: > shown.txt
while IFS= read -r row; do
    case "$row" in
        CMD$'\t'*)
            rest=${row#CMD$'\t'}; place=${rest%%$'\t'*}; cmd=${rest#*$'\t'}; : > shown.txt ;;
        OUT$'\t'*)
            line=${row#OUT$'\t'}
            # "..." or "…" mark an abridged line, an absolute path one of the writer's
            # machine: not compared
            case "$line" in *'...'* | *'…'* | /* | *' /'*) ;; *) printf '%s\n' "$line" >> shown.txt ;; esac ;;
        END)
            run_example "$(basename "$place")" "$cmd" shown.txt; cmd='' ;;
    esac
done < examples.txt

# --- README "Using it": each command as written, the program in build/
mkdir -p out
awk '/^## Using it/ { on = 1; next } /^## / { on = 0 } on && /^    build\/src\/cli\/mspdoc / { print substr($0, 5) }' "$README" > using.txt
[ "$(wc -l < using.txt)" -ge 3 ] || fail "README 'Using it' has no commands"
while IFS= read -r line; do
    bash -c "$line" > using.out 2>&1 || fail "README: '$line' fails: $(head -5 using.out)"
done < using.txt
[ -s report.pdf ] && [ -s report.tree.xml ] && [ -s out/index.json ] || fail "README commands left no outputs"

# --- docs/cli.md "Conventions": the pipe examples
SRC=data/papers/000-coop-assistance-report.xml
mspdoc fo "$SRC" | mspdoc render - -o - > paper.pdf 2> pipe.err
[ "$(head -c 5 paper.pdf)" = "%PDF-" ] || fail "fo | render - -o - made no PDF: $(cat pipe.err)"
"$MSPDOC" build "$SRC" -o - 2> build.err | cat > piped.pdf
[ "$(head -c 5 piped.pdf)" = "%PDF-" ] || fail "build -o - | ... made no PDF"
grep -q '^(standard output): 3 pages' build.err || fail "build -o -: no summary on stderr: $(cat build.err)"
# only the source on standard input: the summary names the PDF written
rm -rf out && "$MSPDOC" build - < "$SRC" > stdin.out 2>&1
grep -qx 'out/APLC_MSP.22_2025_22-E.pdf: 3 pages, APLC/MSP.22/2025/22' stdin.out \
    || fail "build - names its output wrongly: $(cat stdin.out)"
echo "ok: docs are self-contained, cli.md covers $(echo $commands | wc -w) commands, $n examples and the README commands run"
