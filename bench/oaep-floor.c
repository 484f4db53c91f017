/* The floor of the bulk rate row: what libcrypto alone needs per RSA OAEP-SHA1 encryption, with nothing else in the
 * process. Prints CPU microseconds per call of EVP_PKEY_encrypt on one reused context (what NativeRsa does), of the
 * legacy RSA_public_encrypt, and of the bare public operation (RSA_NO_PADDING, what `openssl speed` verify/s measures).
 *   gcc -O2 -o oaep-floor bench/oaep-floor.c -lcrypto && ./oaep-floor CERT.pem 20000
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CERT.pem COUNT\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "r");
    X509 *cert = file ? PEM_read_X509(file, NULL, NULL, NULL) : NULL;
    EVP_PKEY *key = cert ? X509_get_pubkey(cert) : NULL;
    if (key == NULL) {
        fprintf(stderr, "cannot read an RSA certificate from %s\n", argv[1]);
        return 1;
    }
    int count = atoi(argv[2]);
    unsigned char input[20], output[512];
    memset(input, 'a', sizeof input);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
    EVP_PKEY_encrypt_init(ctx);
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING);
    EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha1());
    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha1());
    RSA *rsa = (RSA *)EVP_PKEY_get0_RSA(key);
    for (int round = 0; round < 3; round++) {
        double start = cpu_seconds();
        for (int i = 0; i < count; i++) {
            size_t length = sizeof output;
            if (EVP_PKEY_encrypt(ctx, output, &length, input, sizeof input) <= 0) return 1;
        }
        double evp = cpu_seconds() - start;
        start = cpu_seconds();
        for (int i = 0; i < count; i++) {
            if (RSA_public_encrypt(sizeof input, input, output, rsa, RSA_PKCS1_OAEP_PADDING) <= 0) return 1;
        }
        double legacy = cpu_seconds() - start;
        unsigned char block[512];
        start = cpu_seconds();
        for (int i = 0; i < count; i++) {
            RSA_public_decrypt(RSA_size(rsa), output, block, rsa, RSA_NO_PADDING);
        }
        double bare = cpu_seconds() - start;
        printf("EVP_PKEY_encrypt OAEP %.2f us; RSA_public_encrypt OAEP %.2f us; bare public op %.2f us\n",
               evp / count * 1e6, legacy / count * 1e6, bare / count * 1e6);
    }
    return 0;
}
