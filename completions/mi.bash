# bash completion for SecVault's `mi` (mi secret init|create|verify|resolve|exec|rotate).
# Install: source this file from ~/.bashrc, or copy it to /etc/bash_completion.d/mi
# (or ~/.local/share/bash-completion/completions/mi).

_mi() {
    local cur prev sub i
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"

    local runtime="--home -D --password-stdin --diagnose-padding --verbose --insecure -k --help -h"
    local -A options=(
        [init]="--keystore --type --alias --password-stdin --verbose --insecure -k --help -h"
        [create]="--output -o --file -f --from-file --cipher -c --out --name --namespace --verbose --insecure -k --help -h"
        [verify]="--synapse --strict --allow-file-lookups-outside-root $runtime"
        [resolve]="--synapse --format --show-secrets --consume-password-file --allow-file-lookups-outside-root $runtime"
        [exec]="--only --prefix --override --consume-password-file $runtime"
        [rotate]="--old-keystore --old-type --old-alias --old-cipher --cipher -c --password-stdin -D --home --verbose --insecure -k --help -h"
    )

    # The subcommand is the first word after 'secret'.
    sub=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ "${COMP_WORDS[i-1]}" == "secret" ]]; then
            sub="${COMP_WORDS[i]}"
            break
        fi
    done

    # exec: after '--' the rest is the command line to run.
    if [[ "$sub" == "exec" ]]; then
        for ((i = 1; i < COMP_CWORD; i++)); do
            if [[ "${COMP_WORDS[i]}" == "--" ]]; then
                COMPREPLY=($(compgen -c -- "$cur"))
                return
            fi
        done
    fi

    case "$prev" in
        --home|--synapse|--out|--keystore|--old-keystore)
            COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        --file|-f|--from-file)
            COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        --type|--old-type)
            COMPREPLY=($(compgen -W "JKS PKCS12 JCEKS" -- "$cur")); return ;;
        --output|-o)
            COMPREPLY=($(compgen -W "console file k8" -- "$cur")); return ;;
        --cipher|-c|--old-cipher)
            COMPREPLY=($(compgen -W "RSA/ECB/OAEPWithSHA1AndMGF1Padding RSA/ECB/PKCS1Padding" -- "$cur")); return ;;
        --format)
            COMPREPLY=($(compgen -W "toml flat" -- "$cur")); return ;;
    esac

    if [[ -z "$sub" ]]; then
        if [[ "$prev" == "secret" ]]; then
            COMPREPLY=($(compgen -W "init create verify resolve exec rotate --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "secret help --version --help" -- "$cur"))
        fi
        return
    fi

    if [[ "$sub" == "create" && "$cur" != -* ]]; then
        COMPREPLY=($(compgen -W "console file k8" -- "$cur"))
        return
    fi

    if [[ "$sub" == "rotate" && "$cur" != -* ]]; then
        COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null
        return
    fi

    COMPREPLY=($(compgen -W "${options[$sub]}" -- "$cur"))
}

complete -F _mi mi
