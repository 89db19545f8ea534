# SPDX-License-Identifier: MIT
# bash completion for ws2fix.  Installed as
# share/bash-completion/completions/ws2fix; bash-completion loads it on the
# first Tab after "ws2fix".
#
# Written by ws2fix-optgen from the option table (src/cli/options.def and
# include/ws2fix/sources.def): do not edit, run `cmake --build build
# --target regen-options` (tests/cli/test_options_generated.py checks it).

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
    local globals="--hive --reg --netsh --hijackthis --controlset --software --windows-root --no-file-checks --events --os --json --lang --quiet -q --help -h --version"

    # The value of the option before the cursor.
    case $prev in
        --hive) _ws2fix_files ; return ;;
        --reg) _ws2fix_files '@(reg|REG)' ; return ;;
        --netsh) _ws2fix_files '@(txt|TXT|log|LOG)' ; return ;;
        --hijackthis) _ws2fix_files '@(txt|TXT|log|LOG)' ; return ;;
        --controlset) COMPREPLY=($(compgen -W "1 2 3" -- "$cur")) ; return ;;
        --software) _ws2fix_files ; return ;;
        --windows-root) _ws2fix_dirs ; return ;;
        --events) _ws2fix_files '@(evtx|EVTX)' ; return ;;
        --os) COMPREPLY=($(compgen -W "2000 xp xp-sp1 xp-sp2 xp-sp3 xp64 2003 vista 2008 7 2008r2 8 8.1 2012 2012r2 10 11 2016 2019 2022 2025 2000-x86 xp-x86 xp-sp1-x86 xp-sp2-x86 xp-sp3-x86 xp64-x64 2003-x86 2003-x64 vista-x86 vista-x64 2008-x86 2008-x64 7-x86 7-x64 2008r2-x64 8-x86 8-x64 8.1-x86 8.1-x64 2012-x64 2012r2-x64 10-x86 10-x64 10-arm64 11-x64 11-arm64 2016-x64 2019-x64 2022-x64 2025-x64" -- "$cur")) ; return ;;
        --lang) COMPREPLY=($(compgen -W "en sv" -- "$cur")) ; return ;;
        --format) COMPREPLY=($(compgen -W "text dot" -- "$cur")) ; return ;;
        --mode) COMPREPLY=($(compgen -W "surgical reset" -- "$cur")) ; return ;;
        --remove) : ; return ;;
        --exclude-app) : ; return ;;
        --backup) _ws2fix_files '@(reg|REG)' ; return ;;
        --fix-file) _ws2fix_files '@(reg|REG)' ; return ;;
        -j) COMPREPLY=($(compgen -W "1 2 4 8" -- "$cur")) ; return ;;
    esac

    # The command, if one was typed already (skipping the values of
    # global options).
    local i command=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --hive|--reg|--netsh|--hijackthis|--controlset|--software|--windows-root|--events|--os|--lang) ((i++)) ;;
            -*) ;;
            *) command=${words[i]}; break ;;
        esac
    done

    local opts="$globals"
    case $command in
        show) opts="$globals --brief --format" ;;
        diagnose) opts="$globals" ;;
        repair) opts="$globals --apply --mode --remove --exclude-app --backup --fix-file --force --edit-export" ;;
        backup) opts="$globals --force" ;;
        restore) opts="$globals --force --backup --edit-export" ;;
        batch) opts="$globals -j" ;;
        explain) opts="$globals" ;;
        selftest) opts="$globals" ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $command in
        "") COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
        backup) _ws2fix_files '@(reg|REG)' ;;
        restore) _ws2fix_files '@(reg|REG)' ;;
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
