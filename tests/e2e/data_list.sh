#!/bin/bash
# `mspdoc data --list committees|meetings|agenda|states [--lang L]`: prints
# what data/ knows, one record a line, in a stable order (exit 0); a wrong
# list, language or argument is a usage error (exit 2); data that does not
# load fails (exit 1) with its file:line:column. Nothing is written.
set -euo pipefail
: "${MSPDOC:?}" "${MSP_ROOT:?}" "${MSP_TMP:?}"
rm -rf "$MSP_TMP"; mkdir -p "$MSP_TMP"; cd "$MSP_TMP"
fail() { echo "FAIL: $*" >&2; exit 1; }
want() { grep -qxF -- "$2" "$1" || { cat "$1" >&2; fail "$1: missing line: $2"; }; }

"$MSPDOC" data --list committees >committees.txt
want committees.txt "cooperation-assistance: Committee on the Enhancement of Cooperation and Assistance"
want committees.txt "  2024: DZ Algeria (Chair), DK Denmark, JP Japan, TR Türkiye"
want committees.txt "  2025: CM Cameroon, DK Denmark (Chair 2025-01-01 to 2025-06-20), CH Switzerland, TR Türkiye (Chair 2025-06-21 to 2025-12-31)"
want committees.txt "victim-assistance: Committee on Victim Assistance"
want committees.txt "  2025: members not known (marked in data/committees.xml)"
# every committee of the data is listed, each with a 2024 and a 2025 line
n=$(grep -c '<committee id=' "$MSP_ROOT/data/committees.xml")
[ "$(grep -c '^[a-z0-9-]*: ' committees.txt)" -eq "$n" ] || fail "want $n committees"
[ "$(grep -c '^  2024: ' committees.txt)" -eq "$n" ] || fail "want a 2024 line for each committee"
[ "$(grep -c '^  2025: ' committees.txt)" -eq "$n" ] || fail "want a 2025 line for each committee"

"$MSPDOC" data --list committees --lang fr >committees-fr.txt
want committees-fr.txt "cooperation-assistance: Comité sur le renforcement de la coopération et de l'assistance"
want committees-fr.txt "  2025: CM Cameroun, DK Danemark (Chair 2025-01-01 to 2025-06-20), CH Suisse, TR Türkiye (Chair 2025-06-21 to 2025-12-31)"

"$MSPDOC" data --list meetings >meetings.txt
want meetings.txt "22MSP: Twenty-Second Meeting, Geneva, 2025-12-01 to 2025-12-05"
[ "$(head -1 meetings.txt)" = "21MSP: Twenty-First Meeting, Geneva, 2023-11-20 to 2023-11-24" ] || fail "meetings in file order"
"$MSPDOC" data --list meetings --lang es >meetings-es.txt
want meetings-es.txt "22MSP: Vigesimosegunda Reunión, Ginebra, 2025-12-01 to 2025-12-05"

"$MSPDOC" data --list agenda >agenda.txt
want agenda.txt "22MSP item 9 (provisional): Consideration of the general status and operation of the Convention"
want agenda.txt "  9 (c): Cooperation and assistance"
want agenda.txt "  9 (d): Preventing and suppressing prohibited activities and facilitating compliance"
want agenda.txt "  9 (a): Universalization [not verified]"
"$MSPDOC" data --list agenda --lang fr >agenda-fr.txt
want agenda-fr.txt "  9 (c): Coopération et assistance"
# a title the data has not in French: English, marked
want agenda-fr.txt "5RC item 10 (provisional): Consideration of the general status and operation of the Convention [en]"

"$MSPDOC" data --list states >states.txt
[ "$(wc -l <states.txt)" -eq "$(grep -c '<state code=' "$MSP_ROOT/data/states.xml")" ] || fail "one line per State"
sort -c states.txt || fail "States by code"
want states.txt "TR: Türkiye"
"$MSPDOC" data --list states --lang es >states-es.txt
want states-es.txt "DZ: Argelia"

# the same output twice
"$MSPDOC" data --list committees | cmp -s - committees.txt || fail "committees: output not stable"

for args in "" "--list judges" "--list states --lang de" "--list states extra" "--frobnicate"; do
    set +e
    # shellcheck disable=SC2086
    "$MSPDOC" data $args >out.txt 2>err.txt; rc=$?
    set -e
    [ $rc -eq 2 ] || { cat err.txt >&2; fail "'data $args': exit $rc, want 2"; }
    grep -qF "Try 'mspdoc data --help'." err.txt || fail "'data $args': no help pointer"
    [ ! -s out.txt ] || fail "'data $args' printed on stdout"
done
"$MSPDOC" data --help | grep -qF -- "--list" || fail "--help names --list"

# data that does not load: exit 1, the problem at its place
mkdir -p root; cp -r "$MSP_ROOT/data" root/
sed -i 's|<year value="2024" members="unknown"/>|<year value="2024" members="some"/>|' root/data/committees.xml
set +e
MSP_ROOT="$PWD/root" "$MSPDOC" data --list committees >out.txt 2>err.txt; rc=$?
set -e
[ $rc -eq 1 ] || { cat err.txt >&2; fail "bad data: exit $rc, want 1"; }
grep -qE "committees.xml:[0-9]+:5: error: members='some' of committee 'coordinating', 2024, is not 'unknown'" err.txt ||
    { cat err.txt >&2; fail "bad data: no located error"; }
[ ! -s out.txt ] || fail "bad data: printed a list"
echo "data_list: OK"
