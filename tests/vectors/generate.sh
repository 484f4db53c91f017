#!/usr/bin/env bash
# Regenerates the interop vectors: keystores/ and manifest.json.
# Needs keytool and java (JDK 11+; made with 17) and openssl 3 on PATH. Deletes and rewrites its outputs.
# The passwords here are fixed test values, documented in manifest.json; they protect nothing.
set -euo pipefail

# Non-ASCII passwords pass through argv and the environment; the JDK decodes both by the locale.
export LC_ALL=C.UTF-8
cd "$(dirname "$0")"

OUT=keystores
rm -rf "$OUT" manifest.json
mkdir "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

DN_BASE='OU=SecVault Vectors,O=SecVault,L=Colombo,ST=Western,C=LK'
VALIDITY=3650
UNICODE_PASSWORD='pässwörd-密码-🔑'

# One line per keystore for VectorGen:
#   name|file|type|storePassword|keyPassword|expectedError|cipherAliases|origin
# cipherAliases: the aliases (as created) whose keys get ciphertexts, comma-separated.
SPEC="$WORK/spec.txt"
: > "$SPEC"
spec() { printf '%s|%s|%s|%s|%s|%s|%s|%s\n' "$@" >> "$SPEC"; }

# genkey <file> <type> <alias> <storepass> <keypass> <extra keytool args...>
genkey() {
    local file=$1 type=$2 alias=$3 storepass=$4 keypass=$5
    shift 5
    keytool -genkeypair -noprompt -keystore "$file" -storetype "$type" -alias "$alias" \
        -storepass "$storepass" -keypass "$keypass" -dname "CN=localhost,$DN_BASE" "$@" 2>/dev/null
}

rsa() { echo -keyalg RSA -keysize "$1" -sigalg SHA256withRSA -validity "$VALIDITY"; }

# MI's default identity keystore shape.
genkey "$OUT/jks-rsa2048.jks" JKS wso2carbon wso2carbon wso2carbon $(rsa 2048) -ext SAN=dns:localhost
spec jks-rsa2048 keystores/jks-rsa2048.jks JKS wso2carbon wso2carbon '' wso2carbon \
    "keytool -genkeypair -storetype JKS -alias wso2carbon -keyalg RSA -keysize 2048 -validity $VALIDITY -ext SAN=dns:localhost"

genkey "$OUT/p12-pbes2.p12" PKCS12 wso2carbon wso2carbon wso2carbon $(rsa 2048)
spec p12-pbes2 keystores/p12-pbes2.p12 PKCS12 wso2carbon wso2carbon '' wso2carbon \
    "keytool -genkeypair -storetype PKCS12 -alias wso2carbon -keyalg RSA -keysize 2048 (JDK defaults: PBES2 AES-256, HmacPBESHA256 MAC)"

keytool -J-Dkeystore.pkcs12.legacy -genkeypair -noprompt -keystore "$OUT/p12-legacy.p12" -storetype PKCS12 \
    -alias wso2carbon -storepass wso2carbon -keypass wso2carbon -dname "CN=localhost,$DN_BASE" $(rsa 2048) 2>/dev/null
spec p12-legacy keystores/p12-legacy.p12 PKCS12 wso2carbon wso2carbon '' wso2carbon \
    "keytool -J-Dkeystore.pkcs12.legacy -genkeypair -storetype PKCS12 -alias wso2carbon -keyalg RSA -keysize 2048 (PBEWithSHA1AndDESede keys, PBEWithSHA1AndRC2_40 certificates, HmacPBESHA1 MAC)"

openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$VALIDITY" -subj "/CN=localhost/O=SecVault/C=LK" \
    -keyout "$WORK/openssl.key" -out "$WORK/openssl.crt" 2>/dev/null
openssl pkcs12 -export -name wso2carbon -inkey "$WORK/openssl.key" -in "$WORK/openssl.crt" \
    -passout pass:wso2carbon -out "$OUT/p12-openssl.p12"
spec p12-openssl keystores/p12-openssl.p12 PKCS12 wso2carbon wso2carbon '' wso2carbon \
    "openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days $VALIDITY + openssl pkcs12 -export -name wso2carbon ($(openssl version | cut -d' ' -f1-2) defaults: PBES2 AES-256-CBC, HMAC-SHA256 MAC)"

genkey "$OUT/jceks-rsa2048.jceks" JCEKS wso2carbon wso2carbon wso2carbon $(rsa 2048)
spec jceks-rsa2048 keystores/jceks-rsa2048.jceks JCEKS wso2carbon wso2carbon '' wso2carbon \
    "keytool -genkeypair -storetype JCEKS -alias wso2carbon -keyalg RSA -keysize 2048"

genkey "$OUT/jks-unicode-password.jks" JKS wso2carbon "$UNICODE_PASSWORD" "$UNICODE_PASSWORD" $(rsa 2048)
spec jks-unicode-password keystores/jks-unicode-password.jks JKS "$UNICODE_PASSWORD" "$UNICODE_PASSWORD" '' wso2carbon \
    "keytool -genkeypair -storetype JKS -alias wso2carbon -keyalg RSA -keysize 2048 (non-ASCII store and key password)"

genkey "$OUT/jks-distinct-key-password.jks" JKS wso2carbon storepass-1 keypass-2 $(rsa 2048)
spec jks-distinct-key-password keystores/jks-distinct-key-password.jks JKS storepass-1 keypass-2 '' wso2carbon \
    "keytool -genkeypair -storetype JKS -alias wso2carbon -keyalg RSA -keysize 2048 -storepass storepass-1 -keypass keypass-2"

# A CA certificate to import as a trusted entry into the multi-entry keystores.
genkey "$WORK/ca.jks" JKS ca capass capass $(rsa 2048) -ext BC:c=ca:true
keytool -exportcert -rfc -keystore "$WORK/ca.jks" -storepass capass -alias ca -file "$WORK/ca.pem" 2>/dev/null

multi() {
    local file=$1 type=$2
    genkey "$file" "$type" first multipass multipass $(rsa 2048)
    genkey "$file" "$type" Second multipass multipass $(rsa 2048)
    keytool -importcert -noprompt -keystore "$file" -storetype "$type" -storepass multipass \
        -alias trusted-ca -file "$WORK/ca.pem" 2>/dev/null
}
multi "$OUT/jks-multi.jks" JKS
spec jks-multi keystores/jks-multi.jks JKS multipass multipass '' first,Second \
    "keytool -genkeypair -storetype JKS -alias first / -alias Second (RSA 2048) + keytool -importcert -alias trusted-ca (JKS lower-cases aliases)"
multi "$OUT/p12-multi.p12" PKCS12
spec p12-multi keystores/p12-multi.p12 PKCS12 multipass multipass '' first,Second \
    "keytool -genkeypair -storetype PKCS12 -alias first / -alias Second (RSA 2048) + keytool -importcert -alias trusted-ca"

for bits in 3072 4096; do
    genkey "$OUT/jks-rsa$bits.jks" JKS wso2carbon wso2carbon wso2carbon $(rsa "$bits")
    spec "jks-rsa$bits" "keystores/jks-rsa$bits.jks" JKS wso2carbon wso2carbon '' wso2carbon \
        "keytool -genkeypair -storetype JKS -alias wso2carbon -keyalg RSA -keysize $bits"
done

genkey "$OUT/jks-expired.jks" JKS wso2carbon wso2carbon wso2carbon -keyalg RSA -keysize 2048 -sigalg SHA256withRSA \
    -startdate -2y -validity 30
spec jks-expired keystores/jks-expired.jks JKS wso2carbon wso2carbon '' wso2carbon \
    "keytool -genkeypair -storetype JKS -alias wso2carbon -keyalg RSA -keysize 2048 -startdate -2y -validity 30 (certificate expired)"

genkey "$OUT/jks-ec.jks" JKS wso2carbon wso2carbon wso2carbon -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -validity "$VALIDITY"
spec jks-ec keystores/jks-ec.jks JKS wso2carbon wso2carbon UnsupportedAlgorithm '' \
    "keytool -genkeypair -storetype JKS -alias wso2carbon -keyalg EC -groupname secp256r1"

keytool -genseckey -noprompt -keystore "$OUT/jceks-secretkey.jceks" -storetype JCEKS -alias wso2carbon \
    -storepass wso2carbon -keypass wso2carbon -keyalg AES -keysize 256 2>/dev/null
spec jceks-secretkey keystores/jceks-secretkey.jceks JCEKS wso2carbon wso2carbon SecretKey '' \
    "keytool -genseckey -storetype JCEKS -alias wso2carbon -keyalg AES -keysize 256"

# Encrypts with the JDK's Cipher, decrypts every ciphertext again as a check, writes manifest.json.
java java/VectorGen.java manifest.json < "$SPEC"

# Live check of the interop CLI on one vector of each padding, as the .NET tests drive it.
check_interop() {
    local name=$1 file=$2 type=$3 alias=$4 transformation=$5
    local ct pt
    ct=$(printf '%s' 'a]b[c' | INTEROP_STORE_PASSWORD="$UNICODE_PASSWORD" java java/Interop.java encrypt "$file" "$type" "$alias" "$transformation")
    pt=$(printf '%s' "$ct" | INTEROP_STORE_PASSWORD="$UNICODE_PASSWORD" java java/Interop.java decrypt "$file" "$type" "$alias" "$transformation")
    [ "$pt" = 'a]b[c' ] || { echo "interop round trip failed for $name" >&2; exit 1; }
}
check_interop jks-unicode-password keystores/jks-unicode-password.jks JKS wso2carbon RSA/ECB/OAEPwithSHA1andMGF1Padding
check_interop jks-unicode-password keystores/jks-unicode-password.jks JKS wso2carbon RSA/ECB/PKCS1Padding
# The secret-key keystores of every form, with secretkeys.json beside manifest.json.
./generate-secretkeys.sh
echo "vectors: $(ls "$OUT" | wc -l) keystores, manifest.json written and checked"
