#!/usr/bin/env bash
# Regenerates the secret-key vectors: keystores/*-secretkeys* and secretkeys.json (generate.sh runs it too).
# Needs keytool and java (JDK 11+; made with 17) on PATH. Deletes and rewrites only its own outputs, so the other
# vectors (and the ciphertexts made with their keys) stay as they are. The passwords are fixed test values.
set -euo pipefail

export LC_ALL=C.UTF-8
cd "$(dirname "$0")"

OUT=keystores
mkdir -p "$OUT"
rm -f "$OUT/jceks-secretkeys.jceks" "$OUT/jceks-secretkey-keypass.jceks" "$OUT/p12-secretkeys.p12" "$OUT/jceks-equal-salt.jceks" secretkeys.json
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

SPEC="$WORK/spec.txt"
: > "$SPEC"
spec() { printf '%s|%s|%s|%s|%s|%s|%s|%s\n' "$@" >> "$SPEC"; }

# seckey <file> <type> <alias> <storepass> <keypass> <keyalg> <keysize>
seckey() {
    local file=$1 type=$2 alias=$3 storepass=$4 keypass=$5 keyalg=$6
    keytool -genseckey -noprompt -keystore "$file" -storetype "$type" -alias "$alias" \
        -storepass "$storepass" -keypass "$keypass" -keyalg "$keyalg" -keysize "$7" 2>/dev/null
}

# Every secret-key form the JDK writes, then an RSA key pair after them, so a reader must step over each sealed
# entry to reach it. JCEKS seals an AES or HMAC key as a javax.crypto.spec.SecretKeySpec and a DES or DESede key as
# the java.security.KeyRep it writes in its place (algorithm, format RAW, encoded).
for type in JCEKS PKCS12; do
    case $type in JCEKS) file="$OUT/jceks-secretkeys.jceks" ;; PKCS12) file="$OUT/p12-secretkeys.p12" ;; esac
    seckey "$file" "$type" aes128 secretkeys-pw secretkeys-pw AES 128
    seckey "$file" "$type" aes256 secretkeys-pw secretkeys-pw AES 256
    seckey "$file" "$type" des secretkeys-pw secretkeys-pw DES 56
    seckey "$file" "$type" desede secretkeys-pw secretkeys-pw DESede 168
    seckey "$file" "$type" hmacsha256 secretkeys-pw secretkeys-pw HmacSHA256 256
    keytool -genkeypair -noprompt -keystore "$file" -storetype "$type" -alias rsa -storepass secretkeys-pw \
        -keypass secretkeys-pw -dname "CN=localhost,OU=SecVault Vectors,O=SecVault,C=LK" -keyalg RSA -keysize 2048 \
        -sigalg SHA256withRSA -validity 3650 2>/dev/null
done
spec jceks-secretkeys keystores/jceks-secretkeys.jceks JCEKS secretkeys-pw secretkeys-pw SecretKey '' \
    "keytool -genseckey -storetype JCEKS, aliases aes128 (AES 128), aes256 (AES 256), des (DES 56), desede (DESede 168), hmacsha256 (HmacSHA256 256); then keytool -genkeypair -alias rsa (RSA 2048)"
spec p12-secretkeys keystores/p12-secretkeys.p12 PKCS12 secretkeys-pw secretkeys-pw SecretKey '' \
    "keytool -genseckey -storetype PKCS12, aliases aes128 (AES 128), aes256 (AES 256), des (DES 56), desede (DESede 168), hmacsha256 (HmacSHA256 256); then keytool -genkeypair -alias rsa (RSA 2048)"

seckey "$OUT/jceks-secretkey-keypass.jceks" JCEKS vaultkey store-pw-1 key-pw-2 AES 256
spec jceks-secretkey-keypass keystores/jceks-secretkey-keypass.jceks JCEKS store-pw-1 key-pw-2 SecretKey '' \
    "keytool -genseckey -storetype JCEKS -alias vaultkey -keyalg AES -keysize 256 -storepass store-pw-1 -keypass key-pw-2"

# jks-rsa2048's key pair in JCEKS, its key sealed under a salt whose halves are equal (keytool's salts are random).
java java/EqualSaltKey.java "$OUT/jks-rsa2048.jks" JKS wso2carbon wso2carbon "$OUT/jceks-equal-salt.jceks"
spec jceks-equal-salt keystores/jceks-equal-salt.jceks JCEKS wso2carbon wso2carbon '' '' \
    "java/EqualSaltKey.java: jks-rsa2048's key and certificate, the key sealed with PBEWithMD5AndTripleDES under the salt 5A117E03 5A117E03 (equal halves), 1000 iterations"

java java/VectorGen.java secretkeys.json < "$SPEC"
echo "vectors: secret-key keystores and secretkeys.json written"
