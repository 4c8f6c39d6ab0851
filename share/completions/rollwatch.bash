# bash completion for rollwatch
_rollwatch() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmds="status logs check rollback scale redeploy restart sim debug"
    local globals="--profile --region --cluster --service --target --config --theme
        --read-only --audit --log --debug --demo --scenario --help --version
        --env-file --throttle-rate --error-rate --truncate-rate --delay-ms
        --expire-credentials-after --seed --speed"
    case $prev in
        --theme) COMPREPLY=($(compgen -W "default light solarized-dark high-contrast mono" -- "$cur")); return ;;
        --config|--audit|--log|--env-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --profile)
            local profiles
            profiles=$(sed -n 's/^\[\(profile \)\{0,1\}\([^]]*\)\]$/\2/p' \
                "${AWS_CONFIG_FILE:-$HOME/.aws/config}" 2>/dev/null)
            COMPREPLY=($(compgen -W "$profiles" -- "$cur")); return ;;
        --scenario) COMPREPLY=($(compgen -W "steady bad-deploy flapping-health throttling slow-boot" -- "$cur")); return ;;
        --region|--cluster|--service|--target) return ;;
        debug) COMPREPLY=($(compgen -W "sign" -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "short detailed json" -- "$cur")); return ;;
        --since) COMPREPLY=($(compgen -W "1m 5m 10m 15m 1h" -- "$cur")); return ;;
    esac
    local w
    for w in "${COMP_WORDS[@]}"; do  # after `logs`, its own options too
        [ "$w" = logs ] && globals="$globals --group --since --follow --filter --filter-pattern
            --stream-prefix --container --format"
    done
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$globals" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
    fi
}
complete -F _rollwatch rollwatch
