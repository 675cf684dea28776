#!/usr/bin/env bash
# valgrind memcheck over the end-to-end builds of the sample papers: no errors,
# nothing definitely lost. usage: tests/valgrind.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/src/cli/mspdoc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for src in data/papers/*.xml; do
  name=$(basename "$src" .xml)
  if ! valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
       --show-leak-kinds=definite --suppressions=tests/valgrind.supp \
       "$bin" build "$src" -o "$tmp/$name.pdf" 2> "$tmp/$name.log"; then
    echo "valgrind: $src"; cat "$tmp/$name.log"; status=1
  else
    echo "valgrind clean: $src"
  fi
done
exit $status
