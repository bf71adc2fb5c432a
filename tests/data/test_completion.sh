#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Drives the bash completion of causeway-cli as bash would: COMP_WORDS and COMP_CWORD set,
# the function called, COMPREPLY read. Link and database ids come from a cache made here.
# Usage: test_completion.sh COMPLETION_SCRIPT CAUSEWAY_CLI
set -u
script="$1"
PATH="$(dirname "$2"):$PATH"
XDG_CACHE_HOME="$(mktemp -d)"
export XDG_CACHE_HOME
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
mkdir -p "$XDG_CACHE_HOME/causeway/completion"
printf 'plc-aaaa1111\torders\nplc-bbbb2222\tbilling (set up by hand)\n' \
    > "$XDG_CACHE_HOME/causeway/completion/links"
printf 'orders-mysql\t\nbilling-mysql\t\n' > "$XDG_CACHE_HOME/causeway/completion/databases"
AWS_CONFIG_FILE="$XDG_CACHE_HOME/aws-config"
export AWS_CONFIG_FILE
printf '[default]\nregion = us-east-1\n[sso-session corp]\nsso_region = us-east-1\n[profile dev]\nsso_session = corp\n[profile dev-admin]\nrole_arn = x\n' \
    > "$AWS_CONFIG_FILE"
source "$script"

failures=0
# expect "WANTED REPLY" WORD...: the completion of the last word is exactly WANTED REPLY.
expect () {
    local wanted="$1"
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    _causeway_cli
    if [[ "${COMPREPLY[*]}" != "$wanted" ]]; then
        echo "FAIL: [$*] completed to [${COMPREPLY[*]}], wanted [$wanted]"
        failures=$(( failures + 1 ))
    else
        echo "ok: [$*] -> [$wanted]"
    fi
}

[[ $(complete -p causeway-cli) == *"-F _causeway_cli"* ]] || { echo "FAIL: not registered"; exit 1; }
expect "accounts whoami login logout clusters databases plan iam-policy export apply links resync accept delete remove-database test replicate migrate dataflows dataflow watch" \
    causeway-cli ""
expect "resync" causeway-cli res
expect "--format" causeway-cli export --fo
expect "--roll-back" causeway-cli apply --ro
expect "terraform aws-cli" causeway-cli export --format ""
expect "json" causeway-cli --output j
expect "json" causeway-cli links --output = j
expect "orders-mysql" causeway-cli plan --database or
expect "plc-aaaa1111 plc-bbbb2222" causeway-cli delete -y ""
expect "plc-bbbb2222" causeway-cli --sandbox resync plc-b
expect "plc-aaaa1111 plc-bbbb2222" causeway-cli apply --database orders-mysql --add-to ""
expect "plc-aaaa1111 plc-bbbb2222" causeway-cli remove-database ""
expect "orders-mysql" causeway-cli remove-database plc-aaaa1111 or
expect "" causeway-cli plan --cluster ""
expect "default dev dev-admin" causeway-cli whoami --profile ""
expect "dev dev-admin" causeway-cli login --profile dev
expect "--use-device-code" causeway-cli login --use
exit $(( failures > 0 ))
