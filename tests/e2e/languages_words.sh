#!/usr/bin/env bash
# The six language versions of the sample report (issue 16): each built PDF has
# every word of its source, in order (tests/tools/srcwords.py: pdftotext for
# five, the tagged text in logical order for Arabic), and its build prints no
# warning (no missing glyph).
set -euo pipefail
root=${MSP_ROOT:?}; bin=${MSPDOC:?}; tmp=${MSP_TMP:?}
rm -rf "$tmp"; mkdir -p "$tmp"
py=/usr/bin/python3
fails=0
for l in en fr es ru zh ar; do
    suffix=-$l; [ "$l" = en ] && suffix=
    src="$root/data/papers/000-coop-assistance-report$suffix.xml"
    "$bin" build "$src" -o "$tmp/$l.pdf" 2> "$tmp/$l.err" || { cat "$tmp/$l.err"; echo "FAIL: $l did not build"; fails=$((fails + 1)); continue; }
    if grep -q 'warning\|error' "$tmp/$l.err"; then
        echo "FAIL: $l: the build warned: $(head -2 "$tmp/$l.err")"; fails=$((fails + 1))
    fi
    text=()
    if [ "$l" = ar ]; then
        "$py" "$root/tests/tools/pdfcheck.py" --level ua --text-out "$tmp/ar.txt" "$tmp/ar.pdf" > "$tmp/ar.check" 2>&1 \
            || { echo "FAIL: ar: pdfcheck: $(head -3 "$tmp/ar.check")"; fails=$((fails + 1)); }
        text=("$tmp/ar.txt")
    fi
    "$py" "$root/tests/tools/srcwords.py" "$src" "$tmp/$l.pdf" "${text[@]}" || fails=$((fails + 1))
done
[ "$fails" -eq 0 ] && echo "languages_words: ok"
exit $((fails > 0))
