# bash completion for SecVault's `ciphertool` (upstream Cipher Tool options, -Dname[=value]).
# Install: source this file from ~/.bashrc, or copy it to /etc/bash_completion.d/ciphertool.

_ciphertool() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    local words="-Dconfigure -Dchange -Drotate -Dold.alias= -Dold.keystore= -Dold.keystore.type= -Dold.mode= -Dold.password.file= -Dold.key.password=true -Dkey.password=true -Dcarbon.home= -Dpassword.stdin -Dpassword=
        -Dorg.wso2.CipherTransformation= -Dsymmetric -Dkey.based.encryption=true -Dcarbon.config.dir.path=
        -Ddeployment.config.file.path= -Ddiagnose.padding -Ddiagnose.padding= -help -h --help -version --version"
    case "$cur" in
        -Dcarbon.home=*|-Dcarbon.config.dir.path=*|-Ddeployment.config.file.path=*|-Dold.keystore=*|-Dold.password.file=*)
            local prefix="${cur%%=*}="
            COMPREPLY=($(compgen -f -P "$prefix" -- "${cur#*=}"))
            return ;;
        -Dorg.wso2.CipherTransformation=*)
            COMPREPLY=($(compgen -P "-Dorg.wso2.CipherTransformation=" -W "RSA/ECB/OAEPwithSHA1andMGF1Padding RSA/ECB/PKCS1Padding AES/GCM/NoPadding AES AES/ECB/PKCS5Padding" -- "${cur#*=}"))
            return ;;
        -Dold.mode=*)
            COMPREPLY=($(compgen -P "-Dold.mode=" -W "rsa symmetric" -- "${cur#*=}"))
            return ;;
        -Dold.keystore.type=*)
            COMPREPLY=($(compgen -P "-Dold.keystore.type=" -W "JKS PKCS12 JCEKS" -- "${cur#*=}"))
            return ;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    # Options that take a value end in '=': no space after them.
    [[ ${#COMPREPLY[@]} -eq 1 && "${COMPREPLY[0]}" == *= ]] && compopt -o nospace 2>/dev/null
}

complete -F _ciphertool ciphertool
