# SPDX-License-Identifier: MIT
# bash completion for ws2fix.  Installed as
# share/bash-completion/completions/ws2fix; bash-completion loads it on the
# first Tab after "ws2fix".  tests/cli/test_completion.py checks that every
# option the program accepts (src/cli/main.c and the cmd_*.c files) is
# offered here and that every --os value offered parses.

_ws2fix()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local commands="show diagnose repair backup restore batch explain selftest"
    # BEGIN sources.def (scripts/gen-sources.py writes this block)
    local sources="--hive --reg --netsh --hijackthis"
    # END sources.def
    local globals="$sources --software --controlset --windows-root --events --no-file-checks --os --lang --json --quiet -q --help -h --version"
    # Every --os version, then the version-architecture pairs that exist
    # (docs/cli/ws2fix.md, "--os VERSION[-ARCH]").
    local os_values="2000 xp xp-sp1 xp-sp2 xp-sp3 xp64 2003 vista 2008 7 2008r2 8 8.1 2012 2012r2 10 11 2016 2019 2022 2025
        2000-x86 xp-x86 xp-sp1-x86 xp-sp2-x86 xp-sp3-x86 xp64-x64 2003-x86 2003-x64 vista-x86 vista-x64
        2008-x86 2008-x64 7-x86 7-x64 2008r2-x64 8-x86 8-x64 8.1-x86 8.1-x64 2012-x64 2012r2-x64
        10-x86 10-x64 10-arm64 11-x64 11-arm64 2016-x64 2019-x64 2022-x64 2025-x64"

    # The value of the option before the cursor.
    case $prev in
        # BEGIN sources.def (scripts/gen-sources.py writes this block)
        --hive) _ws2fix_files ; return ;;
        --reg) _ws2fix_files '@(reg|REG)' ; return ;;
        --netsh) _ws2fix_files '@(txt|TXT|log|LOG)' ; return ;;
        --hijackthis) _ws2fix_files '@(txt|TXT|log|LOG)' ; return ;;
        # END sources.def
        --software)
            _ws2fix_files ; return ;;
        --backup|--fix-file)
            _ws2fix_files '@(reg|REG)' ; return ;;
        --windows-root)
            _ws2fix_dirs ; return ;;
        --events)
            _ws2fix_files '@(evtx|EVTX)' ; return ;;
        --lang)
            COMPREPLY=($(compgen -W "en sv" -- "$cur")) ; return ;;
        --os)
            COMPREPLY=($(compgen -W "$os_values" -- "$cur")) ; return ;;
        --format)
            COMPREPLY=($(compgen -W "text dot" -- "$cur")) ; return ;;
        --mode)
            COMPREPLY=($(compgen -W "surgical reset" -- "$cur")) ; return ;;
        --controlset)
            COMPREPLY=($(compgen -W "1 2 3" -- "$cur")) ; return ;;
        -j)
            COMPREPLY=($(compgen -W "1 2 4 8" -- "$cur")) ; return ;;
        --remove|--exclude-app)
            return ;;
    esac

    # The command, if one was typed already (skipping option values).
    local i command=""
    for ((i = 1; i < cword; i++)); do
        case " $sources " in
            *" ${words[i]} "*) ((i++)); continue ;;
        esac
        case ${words[i]} in
            --software|--controlset|--windows-root|--events|--os|--lang) ((i++)) ;;
            -*) ;;
            *) command=${words[i]}; break ;;
        esac
    done

    local opts=""
    case $command in
        "") opts="$globals" ;;
        show) opts="$globals --brief --format" ;;
        repair) opts="$globals --apply --mode --remove --exclude-app --backup --fix-file --force --edit-export" ;;
        restore) opts="$globals --backup --force --edit-export" ;;
        backup) opts="$globals --force" ;;
        batch) opts="$globals -j" ;;
        *) opts="$globals" ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $command in
        "") COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
        backup|restore) _ws2fix_files '@(reg|REG)' ;;
        batch) _ws2fix_files ;;
        explain) COMPREPLY=($(compgen -W "10038 10106 10107 720 WSAENOTSOCK WSAEPROVIDERFAILEDINIT WSASYSCALLFAILURE" -- "$cur")) ;;
    esac
}

# File names (optionally only those matching an extglob pattern, plus
# directories to walk into) and directory names, with or without
# bash-completion's helpers.
_ws2fix_files()
{
    if declare -F _filedir >/dev/null 2>&1; then
        _filedir "$1"
    else
        local IFS=$'\n'
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

_ws2fix_dirs()
{
    if declare -F _filedir >/dev/null 2>&1; then
        _filedir -d
    else
        local IFS=$'\n'
        COMPREPLY=($(compgen -d -- "$cur"))
    fi
}

complete -F _ws2fix ws2fix ws2fix.exe
