#!/bin/bash
# tests/install/completion.sh CLIPCLEAN — the bash completion
# (completion/clipclean.bash) completes options from the tool's --help and
# the values of -f, --parser and --input-format. Needs bash-completion.
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
bc=/usr/share/bash-completion/bash_completion
[ -r "$bc" ] || { echo "FAIL: $bc missing (package bash-completion)"; exit 1; }
# shellcheck source=/dev/null
. "$bc"
# shellcheck source=../../completion/clipclean.bash
. "$src/completion/clipclean.bash"
PATH="$(cd "$(dirname "$1")" && pwd):$PATH"
fails=0
# complete WANT WORD... : the completions of the last word include WANT
expect() {
  want=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _clipclean clipclean "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  case " ${COMPREPLY[*]} " in
    *" $want "*) ;;
    *) echo "FAIL: '$*' completes to '${COMPREPLY[*]}', not $want"; fails=1 ;;
  esac
}
expect --format clipclean --fo
expect --no-sandbox clipclean --no-sa
expect md clipclean -f m
expect jsonl clipclean --format json
expect libxml2 clipclean --parser ''
expect text clipclean --input-format t
[ $fails = 0 ] && echo "completion: ok"
exit $fails
