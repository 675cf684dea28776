#!/usr/bin/env bash
# Builds the sample papers with the mspdoc CLI and checks word positions in the PDF
# (pdftotext -bbox) against FORMAT.md: symbol row, masthead column, numbered paragraph
# tab, heading numbers, footnote markers, running header and page number.
# Env: MSPDOC (CLI binary), MSP_ROOT, MSP_TMP.
set -u
ROOT=${MSP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=${MSP_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
[ -x "${MSPDOC:-}" ] || { echo "papers_render: MSPDOC is not an executable"; exit 1; }
command -v pdftotext >/dev/null || { echo "papers_render: pdftotext is required"; exit 1; }
export MSP_ROOT="$ROOT"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# words PDF PAGE -> "xMin yMin xMax yMax word" lines
words() {
  pdftotext -bbox -f "$2" -l "$2" "$1" - 2>/dev/null |
    sed -n 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>.*/\1 \2 \3 \4 \5/p'
}

# at PDF PAGE WORD FIELD VALUE [NTH]: the NTH (default 1) occurrence of WORD has FIELD
# (1 xMin, 2 yMin, 3 xMax, 4 yMax) within 0.6 pt of VALUE
at() {
  local nth=${6:-1} got
  got=$(words "$1" "$2" | awk -v w="$3" -v f="$4" -v n="$nth" '$5 == w { if (++k == n) { print $f; exit } }')
  if [ -z "$got" ]; then
    fail "$(basename "$1") p$2: word '$3' (#$nth) not found"
    return
  fi
  awk -v g="$got" -v e="$5" 'BEGIN { d = g - e; if (d < 0) d = -d; exit !(d <= 0.6) }' ||
    fail "$(basename "$1") p$2: '$3' field $4 = $got, expected $5"
}

P="$TMP/000.pdf"
if "$MSPDOC" build "$ROOT/data/papers/000-coop-assistance-report.xml" -o "$P" >"$TMP/000.log" 2>&1; then
  # symbol row: right edge at the frame (x 538.58), APLC baseline ~68 (yMax = baseline + 0.216 em)
  at "$P" 1 "/MSP.22/2025/22*" 3 538.58
  at "$P" 1 "APLC" 4 72.32
  # masthead right column at x 396.85 (140 mm)
  at "$P" 1 "8" 1 396.85
  at "$P" 1 "Original:" 1 396.85
  # body name at the frame, meeting block at the frame
  at "$P" 1 "Meeting" 1 56.69
  at "$P" 1 "Twenty-Second" 1 56.69
  # title in the text column; chapter number ends at x 99.21, heading text at x 113.39
  at "$P" 1 "Report" 1 113.39
  at "$P" 1 "I." 3 99.21
  # numbered paragraph: number at 113.39, text at the 10 mm tab 141.73
  at "$P" 1 "1." 1 113.39
  at "$P" 1 "The" 1 141.73
  # asterisk note markers end at x 107.72, note text at 113.39
  at "$P" 1 "Reissued" 1 113.39
  at "$P" 1 "**" 3 107.72 2
  # page 2 (even): header at the left frame, page number at the left
  at "$P" 2 "APLC/MSP.22/2025/22" 1 56.69
  at "$P" 2 "2" 1 56.69 1
  # page 3 (odd): header flush right
  at "$P" 3 "APLC/MSP.22/2025/22" 3 538.58
  words "$P" 2 | awk '$5 == "2" && $4 > 760 && $4 < 770 { found = 1 } END { exit !found }' ||
    fail "000 p2: page number not at baseline ~765"
  pdftotext "$P" - | grep -q "GE.25" && fail "000: job number printed but the source has none"
else
  fail "000 build failed: $(head -5 "$TMP/000.log")"
fi

P="$TMP/002.pdf"
if "$MSPDOC" build "$ROOT/data/papers/002-coop-assistance-statement.xml" -o "$P" >"$TMP/002.log" 2>&1; then
  at "$P" 1 "Good" 1 113.39
  at "$P" 1 "▪" 1 133.23
  pdftotext "$P" - | grep -q "Statement of the Committee on the Enhancement of" ||
    fail "002: title text missing"
else
  fail "002 build failed: $(head -5 "$TMP/002.log")"
fi

P="$TMP/fr.pdf"
if "$MSPDOC" build "$ROOT/tests/data/papers/ok-fr-addendum.xml" -o "$P" >"$TMP/fr.log" 2>&1; then
  at "$P" 1 "GE.25-22223" 1 56.69
  at "$P" 1 "a)" 1 141.73
  at "$P" 1 "i)" 1 170.08
  at "$P" 1 "A." 3 99.21
else
  fail "fr addendum build failed: $(head -5 "$TMP/fr.log")"
fi

[ "$fails" -eq 0 ] || { echo "papers_render: $fails failure(s)"; exit 1; }
echo "papers_render: all checks passed"
