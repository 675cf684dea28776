#!/bin/bash
# The bash completion (completion/mspdoc), driven as bash drives it: COMP_WORDS
# and COMP_CWORD set, the function `complete -p mspdoc` names called. It offers
# the commands and each command's options as the program's --help lists them
# (asked at completion time: a program with a new option gets it offered),
# the values of --color, --diagnostics, --pdf-standard, --list, and file names:
# *.xml for sources, *.fo for render, folders only for -O and --png.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }

# shellcheck source=../../completion/mspdoc
source "$MSP_ROOT/completion/mspdoc"
spec=$(complete -p mspdoc) || fail "no completion registered for mspdoc"
fn=$(sed -n 's/^complete .*-F \([^ ]*\) .*mspdoc$/\1/p' <<<"$spec")
[ -n "$fn" ] || fail "complete -p mspdoc names no function: $spec"

# complete PROGRAM WORD...: COMPREPLY for the last WORD (the one being typed),
# sorted, one a line, on stdout.
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>completion.err
    [ ! -s completion.err ] || { cat completion.err >&2; fail "the completion wrote on stderr: ${COMP_WORDS[*]}"; }
    if ((${#COMPREPLY[@]})); then printf '%s\n' "${COMPREPLY[@]}" | sort; fi
}
offers() {   # offers "WORDS" WANT...: each WANT is among the completions
    local got=$1; shift
    for w in "$@"; do
        grep -qxF -- "$w" <<<"$got" || { echo "$got" >&2; fail "not offered: $w"; }
    done
}
offers_not() {
    local got=$1; shift
    for w in "$@"; do
        ! grep -qxF -- "$w" <<<"$got" || { echo "$got" >&2; fail "offered, should not be: $w"; }
    done
}

# --- commands: the seven, and exactly those `mspdoc --help` lists
got=$(complete_words "$MSPDOC" "")
offers "$got" build check fo render batch reissue data
listed=$("$MSPDOC" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }' | sort)
[ "$(grep -vx help <<<"$got")" = "$listed" ] || { echo "$got" >&2; fail "commands differ from mspdoc --help"; }
[ "$(complete_words "$MSPDOC" "b")" = "$(printf 'batch\nbuild')" ] || fail "b: want batch and build"
offers "$(complete_words "$MSPDOC" "--")" --help --version

# --- each command's options: every long option its --help lists
for cmd in $listed; do
    got=$(complete_words "$MSPDOC" "$cmd" "--")
    want=$("$MSPDOC" "$cmd" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+' | sort -u)
    [ -n "$want" ] || fail "$cmd --help lists no option"
    # shellcheck disable=SC2086
    offers "$got" $want
done
got=$(complete_words "$MSPDOC" build "--")
offers "$got" --output --area-tree --layout-report --draft --png --png-dpi --pdf-standard --color --diagnostics
offers_not "$got" --jobs --force --list
offers "$(complete_words "$MSPDOC" batch "-")" -O -j -q --jobs --force
offers "$(complete_words "$MSPDOC" render "--no")" --no-check-text
offers "$(complete_words "$MSPDOC" check --color = never "--d")" --draft --diagnostics

# --- option values, with a space or an = (bash splits "--color=al" in three words)
[ "$(complete_words "$MSPDOC" build --color "")" = "$(printf 'always\nauto\nnever')" ] || fail "--color values"
[ "$(complete_words "$MSPDOC" build --color = "al")" = "always" ] || fail "--color=al"
[ "$(complete_words "$MSPDOC" check --diagnostics = "")" = "$(printf 'human\njson')" ] || fail "--diagnostics= values"
offers "$(complete_words "$MSPDOC" render --pdf-standard "")" none ua-1 a-2a a-2b a-2u ua-1,a-2a
offers "$(complete_words "$MSPDOC" data --list "")" committees meetings agenda states
offers "$(complete_words "$MSPDOC" data -l "s")" states

# --- file names
mkdir -p work/sub.d work/out && cd work
touch a.fo b.xml c.txt
got=$(complete_words "$MSPDOC" render "")
offers "$got" a.fo sub.d out
offers_not "$got" b.xml c.txt
got=$(complete_words "$MSPDOC" build "")
offers "$got" b.xml sub.d
offers_not "$got" a.fo c.txt
offers "$(complete_words "$MSPDOC" check a.fo "")" b.xml
offers "$(complete_words "$MSPDOC" batch "")" b.xml sub.d out
got=$(complete_words "$MSPDOC" batch -O "")
offers "$got" sub.d out
offers_not "$got" a.fo b.xml c.txt
got=$(complete_words "$MSPDOC" build --png = "s")
[ "$got" = "sub.d" ] || fail "--png=s: want sub.d, got: $got"
offers "$(complete_words "$MSPDOC" build -o "")" a.fo b.xml c.txt sub.d
offers "$(complete_words "$MSPDOC" render x.fo --area-tree "")" c.txt
[ -z "$(complete_words "$MSPDOC" data "")" ] || fail "data takes no file"
cd ..

# --- asked of the program at completion time: a program whose build has an
# option mspdoc does not have yet gets it offered, with its value's kind
cat >fake-mspdoc <<'EOF'
#!/bin/bash
case "$1 $2" in
  "--help ") printf 'Usage: mspdoc COMMAND\n\nCommands:\n  build    b\n  newcmd   n\n\nRun ...\n' ;;
  "build --help") printf 'Usage:\n  build [OPTION…] SOURCE.xml\n\nApplication Options:\n  -n, --brand-new=DIR     A new one\n  --other                 Other\n' ;;
esac
EOF
chmod +x fake-mspdoc
offers "$(complete_words "$PWD/fake-mspdoc" "")" build newcmd
got=$(complete_words "$PWD/fake-mspdoc" build "--")
offers "$got" --brand-new --other
offers_not "$got" --output
cd work
[ "$(complete_words "$MSP_TMP/fake-mspdoc" build -n "")" = "$(printf 'out\nsub.d')" ] || fail "-n takes DIR: folders"
echo "completion: OK"
