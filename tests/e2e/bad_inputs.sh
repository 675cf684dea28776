#!/usr/bin/env bash
# Broken and hostile inputs: runs every row of tests/bad/cases.tsv through the
# CLI and checks the exit code, the stderr message (with its file:line:column),
# that no output (not even a temporary file) is left behind, that no secret
# file's content reached any output, and that refusals are quick.
#
# cases.tsv: tab-separated, '#' comments. Columns:
#   1 case file in tests/bad/ (the input; with root= the replacement file). batch copies
#     it alone into a new folder and builds that; its report files are not leftovers
#   2 command: render|build|check|fo|batch, optionally followed by extra options
#     (@OUT@ in them stands for the output folder)
#   3 expected exit code
#   4 expected stderr, an extended regex (grep -E) matched against all of stderr;
#     '-' for none (successful runs)
#   5 setup, comma-separated (or '-'):
#       root=REL     copy MSP_ROOT's templates/ data/ fonts/ and put the case file at REL;
#                    the input is then src_valid.xml (fo_valid.fo for render)
#       rootrm=REL   the same copy with REL removed; the case file is the input
#       pad=BYTES    the input is the case file followed by a comment, BYTES in all
#       out=readonly the output folder is a read-only mount (chattr +i when mounts fail)
#       out=full     the output folder is a 32 KiB tmpfs (RLIMIT_FSIZE when mounts fail)
#       out=underfile  the output folder's parent is a regular file
#       out=missing  the output folder does not exist
#       out=tmplink  symlinks to a victim file are planted at the output's name and its
#                    predictable temporary names (OUT.tmp, .OUT.tmp): the victim must stay
#                    intact and the output must be a new regular file
#       out=dirlinks the output folder's subfolders (thumbs/, .mspdoc-state/) are symlinks
#                    to a folder outside it, which must stay empty
#       fast         must finish within 5 s (entity bombs, limits)
# Run by CTest as e2e.bad_inputs (env MSPDOC, MSP_ROOT, MSP_TMP). With an
# argument, runs only the rows whose case file matches that regex.
set -uo pipefail

: "${MSPDOC:?set MSPDOC to the mspdoc binary}"
: "${MSP_ROOT:?set MSP_ROOT to the project root}"
: "${MSP_TMP:=$(mktemp -d)}"
BAD="$MSP_ROOT/tests/bad"
TABLE="$BAD/cases.tsv"
FILTER="${1:-}"
SECRETS='MSP-SECRET-TOKEN|root:x:0:0'
MSPDOC=$(readlink -f "$MSPDOC")
rm -rf "$MSP_TMP"
mkdir -p "$MSP_TMP"

can_mount=0
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  probe="$MSP_TMP/.probe"
  mkdir -p "$probe"
  if unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$probe'" 2>/dev/null; then
    can_mount=1
  fi
  rmdir "$probe" 2>/dev/null
fi

before_bad=$(find "$BAD" | sort)

failures=()
rows=0
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
  lineno=$((lineno + 1))
  [[ -z "$line" || "$line" == \#* ]] && continue
  IFS=$'\t' read -r case cmdline want_rc want_re setup <<<"$line"
  setup="${setup:--}"
  if [ -n "$FILTER" ] && ! [[ "$case" =~ $FILTER ]]; then
    continue
  fi
  rows=$((rows + 1))
  tag="cases.tsv:$lineno ($case, $cmdline)"
  if [ ! -e "$BAD/$case" ]; then
    failures+=("$tag: no such case file tests/bad/$case")
    continue
  fi
  scratch="$MSP_TMP/$lineno-${case%.*}"
  mkdir -p "$scratch"
  out="$scratch/out"
  root="$MSP_ROOT"
  input="$case"
  indir="$BAD"
  mode=""
  fast=0
  read -r cmd extra <<<"$cmdline"
  IFS=',' read -ra opts <<<"$setup"
  for o in "${opts[@]}"; do
    case "$o" in
      -) ;;
      fast) fast=1 ;;
      root=*|rootrm=*)
        rel="${o#*=}"
        root="$scratch/root"
        mkdir -p "$root"
        cp -r "$MSP_ROOT/templates" "$MSP_ROOT/data" "$MSP_ROOT/fonts" "$MSP_ROOT/color" "$root/"
        if [[ "$o" == root=* ]]; then
          mkdir -p "$(dirname "$root/$rel")"
          cp "$BAD/$case" "$root/$rel"
          if [ "$cmd" = render ]; then input=fo_valid.fo; else input=src_valid.xml; fi
        else
          rm -rf "${root:?}/$rel"
        fi ;;
      pad=*)
        indir="$scratch/in"
        mkdir -p "$indir"
        cp "$BAD/$case" "$indir/$case"
        size=$(stat -c %s "$indir/$case")
        { printf '<!--'; head -c $(( ${o#pad=} - size - 7 )) /dev/zero | tr '\0' ' '; printf -- '-->\n'; } >>"$indir/$case" ;;
      out=*) mode="${o#out=}" ;;
      *) failures+=("$tag: unknown setup '$o'"); continue 2 ;;
    esac
  done

  # The output folder and what must be empty afterwards.
  watch="$out"
  case "$mode" in
    underfile) echo "a regular file" >"$scratch/file"; out="$scratch/file/out"; watch="$scratch/file" ;;
    missing) out="$scratch/missing/out"; watch="$scratch" ;;
    *) mkdir -p "$out" ;;
  esac
  oname="${case%.*}.pdf"
  [ "$cmd" = fo ] && oname="${case%.*}.fo"
  if [ "$mode" = dirlinks ]; then
    mkdir -p "$scratch/elsewhere"
    ln -s "$scratch/elsewhere" "$out/thumbs"
    ln -s "$scratch/elsewhere" "$out/.mspdoc-state"
  fi
  if [ "$mode" = tmplink ]; then
    echo "victim: must not change" >"$scratch/victim"
    for t in "$oname" "$oname.tmp" ".$oname.tmp" "$oname.part" "$oname~"; do ln -s "$scratch/victim" "$out/$t"; done
  fi

  case "$cmd" in
    render|build|fo) argv=("$cmd" "$input" -o "$out/$oname") ;;
    check) argv=(check "$input") ;;
    batch)
      papers="$scratch/papers"
      mkdir -p "$papers"
      cp "$indir/$input" "$papers/"
      argv=(batch "$papers" -O "$out" -j 1 -q) ;;
    *) failures+=("$tag: unknown command '$cmd'"); continue ;;
  esac
  # extra options may name files in the output folder as @OUT@/name
  extra="${extra//@OUT@/$out}"
  # shellcheck disable=SC2206
  [ -n "$extra" ] && argv+=($extra)

  run_cmd=(env MSP_ROOT="$root" timeout 60 "$MSPDOC" "${argv[@]}")
  start=$(date +%s%N)
  if [ "$mode" = readonly ] || [ "$mode" = full ]; then
    if [ "$can_mount" = 1 ]; then
      if [ "$mode" = readonly ]; then mopt="ro,size=64k"; else mopt="size=32k"; fi
      # a private mount namespace: the mount disappears with the shell; the
      # leftovers check runs inside it, while the mount is still there
      (cd "$indir" && unshare -m bash -c '
          mount -t tmpfs -o "$1" tmpfs "$2" || exit 99
          shift 2
          "$@"; rc=$?
          left=$(find "'"$out"'" -mindepth 1 | head -n 5)
          [ -n "$left" ] && echo "LEFTOVER: $left" >"'"$scratch"'/leftover"
          exit $rc' _ "$mopt" "$out" "${run_cmd[@]}") >"$scratch/stdout" 2>"$scratch/stderr"
      rc=$?
    elif [ "$mode" = readonly ]; then
      chattr +i "$out" 2>/dev/null || chmod a-w "$out"
      (cd "$indir" && "${run_cmd[@]}") >"$scratch/stdout" 2>"$scratch/stderr"
      rc=$?
      chattr -i "$out" 2>/dev/null; chmod u+w "$out"
    else
      # no mounts: the file size limit makes writes fail with EFBIG
      (cd "$indir" && trap '' XFSZ && ulimit -f 32 && "${run_cmd[@]}") >"$scratch/stdout" 2>"$scratch/stderr"
      rc=$?
    fi
  else
    (cd "$indir" && "${run_cmd[@]}") >"$scratch/stdout" 2>"$scratch/stderr"
    rc=$?
  fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))

  err=$(cat "$scratch/stderr")
  problems=()
  [ "$rc" = "$want_rc" ] || problems+=("exit $rc, expected $want_rc")
  if [ "$want_re" != - ] && ! grep -Eq -- "$want_re" "$scratch/stderr"; then
    problems+=("stderr does not match /$want_re/")
  fi
  if grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:|Segmentation fault|Aborted|Assertion .* failed|-CRITICAL \*\*|-WARNING \*\*' "$scratch/stderr"; then
    problems+=("sanitizer, crash or GLib critical report on stderr")
  fi
  [ "$rc" -ge 124 ] && problems+=("killed or timed out (exit $rc)")
  [ "$fast" = 1 ] && [ "$ms" -gt 5000 ] && problems+=("took $ms ms, expected under 5000")
  if [ "$rc" != 0 ] && [ -e "$watch" ] && [ -d "$watch" ]; then
    left=$(find "$watch" -mindepth 1 ! -path "$scratch/stdout" ! -path "$scratch/stderr" \
             ! -path "$scratch/root*" ! -path "$scratch/in*" ! -path "$scratch/papers*" \
             ! -path "$scratch/file" ! -path "$scratch/leftover" ! -path "$out" |
           if [ "$cmd" = batch ]; then
             # a batch keeps its report and state; an empty thumbs/ folder is no output
             while IFS= read -r f; do [ -f "$f" ] && echo "$f"; done |
               grep -Ev "^$out/(index\.json|index\.html|\.mspdoc-state/.*)$"
           else cat; fi | head -n 5)
    [ -n "$left" ] && problems+=("output left behind: $left")
  fi
  if [ "$mode" = tmplink ]; then
    [ "$(cat "$scratch/victim")" = "victim: must not change" ] || problems+=("a planted symlink was followed: the victim file was overwritten")
    [ -L "$out/$oname" ] && problems+=("the output $oname is a symlink, not a new file")
    [ "$rc" = 0 ] && [ ! -f "$out/$oname" ] && problems+=("no output $oname")
  fi
  if [ "$mode" = dirlinks ] && [ -n "$(ls -A "$scratch/elsewhere")" ]; then
    problems+=("wrote outside the output folder through a symlink: $(ls -A "$scratch/elsewhere" | head -n 3 | tr '\n' ' ')")
  fi
  [ -s "$scratch/leftover" ] && problems+=("output left behind: $(cat "$scratch/leftover")")
  # no secret may reach any output, in any form
  if [ -d "$out" ]; then
    while IFS= read -r f; do
      if grep -Eaq "$SECRETS" "$f" ||
         { [[ "$f" == *.pdf ]] && pdftotext "$f" - 2>/dev/null | grep -Eq "$SECRETS"; }; then
        problems+=("secret content in $f")
      fi
    done < <(find "$out" -type f)
  fi
  grep -Eaq "$SECRETS" "$scratch/stdout" && problems+=("secret content on stdout")
  if [ "${#problems[@]}" -gt 0 ]; then
    msg="$tag:"
    for p in "${problems[@]}"; do msg+=$'\n'"    - $p"; done
    msg+=$'\n'"    stderr: $(printf '%s' "$err" | head -n 4 | sed '2,$s/^/            /')"
    failures+=("$msg")
  fi
done <"$TABLE"

after_bad=$(find "$BAD" | sort)
if [ "$before_bad" != "$after_bad" ]; then
  failures+=("files appeared in tests/bad: $(comm -13 <(echo "$before_bad") <(echo "$after_bad") | head -n 5 | tr '\n' ' ')")
fi

echo "bad_inputs: $rows cases, ${#failures[@]} mismatches (mounts: $([ $can_mount = 1 ] && echo yes || echo no))"
if [ "${#failures[@]}" -gt 0 ]; then
  printf '%s\n' "${failures[@]}"
  exit 1
fi
exit 0
