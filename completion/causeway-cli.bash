# bash completion for causeway-cli
#
# Commands and options come from the program's own --help, so they never drift from it;
# link and database ids come from the files `causeway-cli links` and `causeway-cli databases`
# leave in $XDG_CACHE_HOME/causeway/completion/. Nothing here calls a cloud.

# The profiles of the AWS CLI's configuration, as --profile takes them.
_causeway_cli_profiles ()
{
    local file="${AWS_CONFIG_FILE:-$HOME/.aws/config}"
    [[ -r $file ]] && sed -n -E 's/^\[(profile +)?([^] ]+) *\].*/\1\2/p' -- "$file" |
        sed -n -E 's/^profile +//p; /^default$/p'
}

_causeway_cli_cached ()
{
    local file="${XDG_CACHE_HOME:-$HOME/.cache}/causeway/completion/$1"
    [[ -r $file ]] && cut -f1 -- "$file"
}

# The long and short options of the lines of a --help that describe one.
_causeway_cli_options ()
{
    "$1" "${@:2}" --help 2>/dev/null |
        sed -n -E 's/^ +(-[a-zA-Z], )?(--[a-z][a-z0-9-]*).*/\1 \2/p' | tr -d ','
}

_causeway_cli ()
{
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="" program="${COMP_WORDS[0]}"
    local command="" word i
    (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
    # bash splits "--output=js" at "=": the option is the word before the "=".
    if [[ $cur == = ]]; then
        prev="${COMP_WORDS[COMP_CWORD-1]}" cur=""
    elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
        prev="${COMP_WORDS[COMP_CWORD-2]}"
    fi

    local commands
    commands=$("$program" --help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${COMP_WORDS[i]}"
        if [[ $word != -* ]] && [[ " "$commands" " == *[[:space:]]"$word"[[:space:]]* ]]; then
            command="$word"
            break
        fi
    done

    local values=""
    case "$prev" in
        -o|--output) values="table json" ;;
        --format) values="terraform aws-cli" ;;
        --database) values=$(_causeway_cli_cached databases) ;;
        --add-to) values=$(_causeway_cli_cached links) ;;
        --profile) values=$(_causeway_cli_profiles) ;;
        --*)
            # Another option that takes a value (its --help line reads --option=VALUE):
            # nothing known to offer.
            if "$program" $command --help 2>/dev/null | grep -q -e "^ .*${prev}="; then
                COMPREPLY=()
                return 0
            fi ;;
    esac
    if [[ -n $values ]]; then
        COMPREPLY=($(compgen -W "$values" -- "$cur"))
        return 0
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_causeway_cli_options "$program" $command)" -- "$cur"))
    elif [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    else
        case "$command" in
            resync|accept|delete|test|replicate|migrate)
                COMPREPLY=($(compgen -W "$(_causeway_cli_cached links)" -- "$cur")) ;;
            remove-database)
                # The link, then the database.
                if [[ $prev == remove-database ]]; then
                    COMPREPLY=($(compgen -W "$(_causeway_cli_cached links)" -- "$cur"))
                else
                    COMPREPLY=($(compgen -W "$(_causeway_cli_cached databases)" -- "$cur"))
                fi ;;
            *) COMPREPLY=() ;;
        esac
    fi
    return 0
}

complete -F _causeway_cli causeway-cli
