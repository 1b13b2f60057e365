# bash completion for clipclean(1); installed as
# share/bash-completion/completions/clipclean. Options are read from
# `clipclean --help`, so they stay in step with the tool; the values of
# the options that take a fixed set are completed from that set.
_clipclean() {
  local cur prev words cword
  _init_completion || return

  case $prev in
    -f | --format)
      COMPREPLY=($(compgen -W 'txt md html json jsonl' -- "$cur"))
      return
      ;;
    --input-format)
      COMPREPLY=($(compgen -W 'auto html text' -- "$cur"))
      return
      ;;
    --parser)
      COMPREPLY=($(compgen -W 'gumbo libxml2' -- "$cur"))
      return
      ;;
    -O | --output-dir)
      _filedir -d
      return
      ;;
    -o | --output | --from | --urls)
      _filedir
      return
      ;;
    -j | --jobs | --timeout | --url | --charset | --max-size | --parallel | --per-host | \
      --delay | --connect-timeout | --fetch-timeout | --retries | --user-agent)
      return # a value of the user's
      ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '$(_parse_help "$1")' -- "$cur"))
    return
  fi
  _filedir '@(html|htm|xhtml|shtml|mhtml|mht|txt|gz)'
} &&
  complete -F _clipclean clipclean
