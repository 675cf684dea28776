#!/usr/bin/env bash
# The draft stamp says when the draft was built and from which bytes:
# "Draft built yyyy-mm-dd hh:mm UTC, source <first 12 hex digits of the
# source's SHA-256>" on every page; the time is SOURCE_DATE_EPOCH when set,
# else the clock (never the paper's date); an unusable SOURCE_DATE_EPOCH is
# one warning and the clock. A final paper has no stamp; <draft/> in the
# source is a draft without --draft.
# Env: MSPDOC (CLI binary), MSP_ROOT, MSP_TMP.
set -eu
ROOT=${MSP_ROOT:?}
TMP=${MSP_TMP:?}
rm -rf "$TMP"
mkdir -p "$TMP"
fail() { echo "draft_stamp: $*"; exit 1; }
src="$ROOT/data/papers/000-coop-assistance-report.xml"
digest=$(sha256sum "$src" | cut -c1-12)

# stamp_of PDF: the stamp lines of every page
stamp_of() { pdftotext "$1" - | grep "Draft built" || true; }
# pages PDF
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# 1. SOURCE_DATE_EPOCH, to the minute, in UTC whatever TZ says
epoch=1764770700
want="Draft built $(date -u -d @$epoch '+%Y-%m-%d %H:%M') UTC, source $digest"
TZ=Asia/Tokyo SOURCE_DATE_EPOCH=$epoch "$MSPDOC" build "$src" --draft -o "$TMP/sde.pdf" >/dev/null 2>&1 \
    || fail "draft build with SOURCE_DATE_EPOCH failed"
n=$(pages "$TMP/sde.pdf")
[ "$(stamp_of "$TMP/sde.pdf" | grep -cxF "$want")" -eq "$n" ] \
    || fail "not '$want' on each of the $n pages: $(stamp_of "$TMP/sde.pdf" | sort -u)"
# the paper's own date is not the build time
grep -q "<date>$(date -u -d @$epoch '+%Y-%m-%d')</date>" "$src" && fail "pick an epoch away from the paper's date"

# 2. without it: the clock (the minute before or after the build)
before=$(date -u '+%Y-%m-%d %H:%M')
env -u SOURCE_DATE_EPOCH "$MSPDOC" build "$src" --draft -o "$TMP/now.pdf" >/dev/null 2>&1 \
    || fail "draft build without SOURCE_DATE_EPOCH failed"
after=$(date -u '+%Y-%m-%d %H:%M')
got=$(stamp_of "$TMP/now.pdf" | sort -u)
[ "$got" = "Draft built $before UTC, source $digest" ] || [ "$got" = "Draft built $after UTC, source $digest" ] \
    || fail "without SOURCE_DATE_EPOCH the stamp is '$got', not the build time ($before..$after)"

# 3. an unusable SOURCE_DATE_EPOCH: one warning, the clock
before=$(date -u '+%Y-%m-%d %H:%M')
SOURCE_DATE_EPOCH=yesterday "$MSPDOC" build "$src" --draft -o "$TMP/bad.pdf" >/dev/null 2>"$TMP/bad.err" \
    || fail "draft build with a bad SOURCE_DATE_EPOCH failed"
after=$(date -u '+%Y-%m-%d %H:%M')
[ "$(grep -c "warning: ignoring SOURCE_DATE_EPOCH='yesterday'" "$TMP/bad.err")" -eq 1 ] \
    || fail "not one warning for SOURCE_DATE_EPOCH=yesterday: $(cat "$TMP/bad.err")"
got=$(stamp_of "$TMP/bad.pdf" | sort -u)
[ "$got" = "Draft built $before UTC, source $digest" ] || [ "$got" = "Draft built $after UTC, source $digest" ] \
    || fail "with a bad SOURCE_DATE_EPOCH the stamp is '$got', not the clock"

# 4. the digest is the source's: another source, another digest
other="$ROOT/data/papers/000-coop-assistance-report-es.xml"
SOURCE_DATE_EPOCH=$epoch "$MSPDOC" build "$other" --draft -o "$TMP/es.pdf" >/dev/null 2>&1 || fail "es draft failed"
stamp_of "$TMP/es.pdf" | grep -qF "source $(sha256sum "$other" | cut -c1-12)" || fail "the es draft's digest is not its source's"

# 5. a final paper has none; <draft/> in the source makes a draft
SOURCE_DATE_EPOCH=$epoch "$MSPDOC" build "$src" -o "$TMP/final.pdf" >/dev/null 2>&1 || fail "final build failed"
[ -z "$(stamp_of "$TMP/final.pdf")" ] || fail "a final paper has a stamp"
marked="$ROOT/tests/data/papers/ok-en-draft-nosymbol.xml"
grep -q "<draft/>" "$marked" || fail "$marked is no longer marked <draft/>"
SOURCE_DATE_EPOCH=$epoch "$MSPDOC" build "$marked" -o "$TMP/marked.pdf" >/dev/null 2>&1 || fail "<draft/> build failed"
stamp_of "$TMP/marked.pdf" | grep -qxF "Draft built $(date -u -d @$epoch '+%Y-%m-%d %H:%M') UTC, source $(sha256sum "$marked" | cut -c1-12)" \
    || fail "a <draft/> source has no stamp: $(stamp_of "$TMP/marked.pdf")"
echo "ok: the draft stamp holds the build time and the source's digest"
