#!/bin/bash
# `cmake --install` makes a prefix that works anywhere: installed into p1 and
# moved to p2, the program (MSP_ROOT unset) finds its resources in
# p2/share/mspdoc, names them in --version, and builds every sample paper;
# each resource folder it reads is p2's (one taken away, the error names p2's
# file), not the source tree's. What is installed where: the resources as in
# the source tree, the man page (rendering without a warning, the project's
# version, every command and option of --help in it), the bash completion, the
# docs and the sample papers. A symbolic link to the program and the Debian
# package (cpack -G DEB) find their resources the same way.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}" "${MSP_BUILD_DIR:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
SRC=$MSP_ROOT
cmake_tool() {   # the CMake (or CPack) that configured the build
    local cmake
    cmake=$(sed -n 's/^CMAKE_COMMAND:INTERNAL=//p' "$MSP_BUILD_DIR/CMakeCache.txt")
    [ -x "$cmake" ] || fail "no CMAKE_COMMAND in $MSP_BUILD_DIR/CMakeCache.txt"
    if [ "$1" = cpack ]; then shift; "$(dirname "$cmake")/cpack" "$@"; else "$cmake" "$@"; fi
}
# the installed program, as a user runs it: no MSP_ROOT
run() { env -u MSP_ROOT "$@"; }

cmake_tool --install "$MSP_BUILD_DIR" --prefix "$MSP_TMP/p1" >install.log || { cat install.log >&2; fail "cmake --install"; }
mv p1 p2
P=$MSP_TMP/p2
SHARE=$P/share/mspdoc
[ -x "$P/bin/mspdoc" ] || fail "no bin/mspdoc"

# --- --version names the moved prefix, and why
run "$P/bin/mspdoc" --version >version.txt
version=$(sed -n 's/^mspdoc \([0-9][0-9.]*\)$/\1/p' version.txt)
[ -n "$version" ] || { cat version.txt >&2; fail "--version: no version line"; }
grep -qxF "resources: $SHARE (next to the program)" version.txt || { cat version.txt >&2; fail "--version does not name $SHARE"; }
# an empty MSP_ROOT is no MSP_ROOT; a set one wins
[ "$(MSP_ROOT= "$P/bin/mspdoc" --version | sed -n 2p)" = "resources: $SHARE (next to the program)" ] \
    || fail "an empty MSP_ROOT should be ignored"
[ "$(MSP_ROOT="$SRC" "$P/bin/mspdoc" --version | sed -n 2p)" = "resources: $SRC (set by MSP_ROOT)" ] \
    || fail "MSP_ROOT should win over the installed folder"
# through a symbolic link (as /usr/local/bin/mspdoc -> /opt/mspdoc/bin/mspdoc)
mkdir -p links && ln -s "$P/bin/mspdoc" links/mspdoc
run links/mspdoc --version | grep -qxF "resources: $SHARE (next to the program)" || fail "a symbolic link to the program"
# a copy of the program outside any prefix falls back to the source tree, and says why
mkdir -p lone/bin && cp "$P/bin/mspdoc" lone/bin/
run lone/bin/mspdoc --version | sed -n 2p >lone.txt
grep -q "^resources: .* (the source tree mspdoc was built from: MSP_ROOT is not set and $MSP_TMP/lone/share/mspdoc has no templates/" lone.txt \
    || { cat lone.txt >&2; fail "a lone program should say it uses the source tree"; }

# --- the resources: as in the source tree, without the sample papers
for d in templates data fonts hyphen color; do
    diff -r -x papers "$SRC/$d" "$SHARE/$d" >/dev/null || fail "share/mspdoc/$d differs from the source tree's $d/"
done
[ ! -e "$SHARE/data/papers" ] || fail "the sample papers are not resources"
[ -f "$SHARE/fonts/fonts.conf" ] && [ -f "$SHARE/hyphen/dictionaries.conf" ] && [ -f "$SHARE/color/profiles.conf" ] \
    && [ -f "$SHARE/templates/paper.rng" ] || fail "a declaration file is missing"

# --- every sample paper, from a copy of data/papers, with MSP_ROOT unset
cp -r "$SRC/data/papers" papers
n=$(find papers -name '*.xml' | wc -l)
[ "$n" -gt 0 ] || fail "no sample papers"
run "$P/bin/mspdoc" batch papers -O out -q >batch.log 2>&1 || { cat batch.log >&2; fail "batch in the moved prefix"; }
[ "$(find out -maxdepth 1 -name '*.pdf' | wc -l)" -eq "$n" ] || fail "want $n PDFs in out/"
grep -q "\"failed\":0" out/index.json || fail "index.json: papers failed"
grep -q "\"built\":$n" out/index.json || fail "index.json: want $n built"
# the PDFs are the build tree's (same resources, same program): byte for byte
"$MSPDOC" batch papers -O out-build -q >batch-build.log 2>&1 || { cat batch-build.log >&2; fail "batch from the build tree"; }
for pdf in out/*.pdf; do
    cmp -s "$pdf" "out-build/$(basename "$pdf")" || fail "$(basename "$pdf") differs from the build tree's"
done

# --- each resource folder read is p2's: one taken away, the message names p2's file
sample=papers/000-coop-assistance-report.xml
without() {   # without FOLDER: run a build with share/mspdoc/FOLDER moved aside
    mv "$SHARE/$1" "$SHARE/$1.away"
    set +e; run "$P/bin/mspdoc" build "$sample" -o "without-$1.pdf" >"without-$1.log" 2>&1; rc=$?; set -e
    mv "$SHARE/$1.away" "$SHARE/$1"
}
for d in data fonts color; do
    without "$d"
    [ "$rc" -eq 1 ] || { cat "without-$d.log" >&2; fail "without share/mspdoc/$d: want exit 1, got $rc"; }
    grep -qF "$SHARE/$d/" "without-$d.log" || { cat "without-$d.log" >&2; fail "without $d/: the message should name $SHARE/$d/"; }
done
without hyphen   # no dictionaries: a warning, the paper is still made
grep -qF "$SHARE/hyphen/dictionaries.conf" without-hyphen.log || { cat without-hyphen.log >&2; fail "without hyphen/: no warning naming it"; }
# templates/ marks the folder: without it the program falls back to the source tree
mv "$SHARE/templates" "$SHARE/templates.away"
run "$P/bin/mspdoc" --version | grep -q "^resources: .*(the source tree mspdoc was built from" || fail "without templates/: not the source tree"
mv "$SHARE/templates.away" "$SHARE/templates"
# a template broken in p2 breaks the build: the stylesheets are p2's
cp "$SHARE/templates/report.xsl" report.xsl.good
echo '<xsl:stylesheet' >"$SHARE/templates/report.xsl"
set +e; run "$P/bin/mspdoc" build "$sample" -o broken.pdf >broken.log 2>&1; rc=$?; set -e
cp report.xsl.good "$SHARE/templates/report.xsl"
[ "$rc" -eq 1 ] && grep -qF "$SHARE/templates/report.xsl" broken.log || { cat broken.log >&2; fail "a broken p2 template should fail, naming it"; }

# --- the man page: renders without a warning, the project's version, every command and option
MAN=$P/share/man/man1/mspdoc.1
[ -f "$MAN" ] || fail "no share/man/man1/mspdoc.1"
command -v man >/dev/null || fail "man is not installed (Debian: man-db, in .ci/deps)"
MANWIDTH=200 man --warnings -l "$MAN" >man.txt 2>man.err
[ ! -s man.err ] || { cat man.err >&2; fail "man -l: warnings"; }
[ -s man.txt ] || fail "man -l rendered nothing"
grep -q "^mspdoc $version " man.txt || fail "the man page's footer should carry version $version"
! grep -q "@[A-Z_]*@" "$MAN" || fail "the man page has an unconfigured @VARIABLE@"
commands=$("$MSPDOC" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
[ -n "$commands" ] || fail "mspdoc --help lists no command"
for cmd in $commands; do
    grep -q "^   $cmd " man.txt || fail "the man page has no section for '$cmd'"
    for opt in $("$MSPDOC" "$cmd" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+'); do
        grep -qF -- "$opt" man.txt || fail "the man page does not document $cmd $opt"
    done
done
for v in MSP_ROOT SOURCE_DATE_EPOCH NO_COLOR MSPDOC_CHECK_TEXT; do
    grep -q "^       $v$" man.txt || fail "the man page's ENVIRONMENT lacks $v"
done

# --- the bash completion, the docs, the sample papers as examples
[ -f "$P/share/bash-completion/completions/mspdoc" ] || fail "no bash completion"
cmp -s "$SRC/completion/mspdoc" "$P/share/bash-completion/completions/mspdoc" || fail "the completion differs"
cmp -s "$SRC/README.md" "$P/share/doc/mspdoc/README.md" || fail "no README in share/doc/mspdoc"
for f in "$SRC"/docs/*.md; do
    cmp -s "$f" "$P/share/doc/mspdoc/$(basename "$f")" || fail "docs/$(basename "$f") not in share/doc/mspdoc"
done
for f in "$SRC"/data/papers/*.xml; do
    cmp -s "$f" "$P/share/doc/mspdoc/examples/$(basename "$f")" || fail "$(basename "$f") not in share/doc/mspdoc/examples"
done
# nothing else: the tree's tests, benchmarks and sources are not installed
extra=$(cd "$P" && find . -type f | grep -vE '^\./(bin/mspdoc|share/mspdoc/|share/man/man1/mspdoc\.1$|share/bash-completion/completions/mspdoc$|share/doc/mspdoc/)' || true)
[ -z "$extra" ] || { echo "$extra" >&2; fail "unexpected files installed"; }

# --- the docs name the installed paths: README's install prefix, the program
# under it as installed here (bin/mspdoc), and docs/nightly.md's cron line runs that one
prefix=$(sed -n 's/^ *cmake --install build --prefix \([^ ]*\).*/\1/p' "$SRC/README.md" | head -1)
[ -n "$prefix" ] || fail "README: no 'cmake --install build --prefix' line"
cron=$(grep -E '^[0-9]+ [0-9]+ \* \* \* ' "$SRC/docs/nightly.md" | head -1)
[ -n "$cron" ] || fail "docs/nightly.md: no cron line"
grep -qF " $prefix/bin/mspdoc batch " <<<"$cron" || fail "docs/nightly.md's cron line should run $prefix/bin/mspdoc: $cron"

# --- the Debian package: the same files under /usr, its dependencies, and a
# program that finds its resources wherever the package is unpacked
cmake_tool cpack -G DEB -B "$MSP_TMP/deb" --config "$MSP_BUILD_DIR/CPackConfig.cmake" >cpack.log 2>&1 \
    || { cat cpack.log >&2; fail "cpack -G DEB"; }
deb=$(find deb -maxdepth 1 -name "mspdoc_${version}_*.deb")
[ -n "$deb" ] || fail "no mspdoc_${version}_*.deb"
dpkg-deb -f "$deb" Depends >depends.txt
for p in fonts-liberation2 hyphen-en-gb icc-profiles-free libpango-1.0-0 libxslt1.1; do
    grep -q "$p" depends.txt || { cat depends.txt >&2; fail "the package should depend on $p"; }
done
dpkg-deb -x "$deb" unpacked
[ -f unpacked/usr/share/man/man1/mspdoc.1 ] && [ -f unpacked/usr/share/mspdoc/templates/paper.rng ] || fail "the package lacks files"
run unpacked/usr/bin/mspdoc --version | grep -qxF "resources: $MSP_TMP/unpacked/usr/share/mspdoc (next to the program)" \
    || fail "the unpacked package's program should use its share/mspdoc"
run unpacked/usr/bin/mspdoc check "$sample" >deb-check.log 2>&1 || { cat deb-check.log >&2; fail "check with the package's program"; }
echo "install_relocatable: OK"
