import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Writes tests/vectors/manifest.json: describes every keystore named on stdin and encrypts a fixed set of
 * plaintexts with the JDK's own Cipher for each RSA private key, then decrypts each ciphertext again.
 * stdin: UTF-8 lines name|file|type|storePassword|keyPassword|expectedError|cipherAliases|origin.
 * Secret-key entries also get the SHA-256 of their encoded key (secretKeySha256), never the key itself.
 * Usage: java VectorGen.java manifest.json < spec
 */
public final class VectorGen {
    static final String OAEP = "RSA/ECB/OAEPwithSHA1andMGF1Padding";
    static final String PKCS1 = "RSA/ECB/PKCS1Padding";
    static final String BARE = "RSA";
    /** Keystores whose first alias also gets ciphertexts under the bare "RSA" transformation name. */
    static final List<String> BARE_NAME_KEYSTORES = List.of("jks-rsa2048", "p12-legacy");

    public static void main(String[] args) throws Exception {
        String spec = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder keystores = new StringBuilder();
        StringBuilder ciphertexts = new StringBuilder();
        int keystoreCount = 0;
        int ciphertextCount = 0;
        for (String line : spec.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", 8);
            String name = f[0], file = f[1], type = f[2], storePassword = f[3], keyPassword = f[4];
            String expectedError = f[5].isEmpty() ? null : f[5];
            List<String> cipherAliases = f[6].isEmpty() ? List.of() : Arrays.asList(f[6].split(","));
            String origin = f[7];

            KeyStore ks = KeyStore.getInstance(type);
            try (InputStream in = new FileInputStream(file)) {
                ks.load(in, storePassword.toCharArray());
            }
            List<String> aliases = Collections.list(ks.aliases());
            aliases.sort(String.CASE_INSENSITIVE_ORDER);
            StringBuilder entries = new StringBuilder();
            for (String alias : aliases) {
                entries.append(entries.length() == 0 ? "" : ",\n").append(entry(ks, alias, keyPassword));
            }
            keystores.append(keystoreCount++ == 0 ? "" : ",\n")
                .append("    {\n")
                .append("      \"name\": ").append(json(name)).append(",\n")
                .append("      \"file\": ").append(json(file)).append(",\n")
                .append("      \"type\": ").append(json(type)).append(",\n")
                .append("      \"storePassword\": ").append(json(storePassword)).append(",\n")
                .append("      \"keyPassword\": ").append(json(keyPassword)).append(",\n")
                .append("      \"origin\": ").append(json(origin)).append(",\n")
                .append("      \"entries\": [\n").append(entries).append("\n      ],\n")
                .append("      \"expectedError\": ").append(json(expectedError)).append("\n")
                .append("    }");

            for (String alias : cipherAliases) {
                PrivateKey key = (PrivateKey) ks.getKey(alias, keyPassword.toCharArray());
                PublicKey pub = ks.getCertificate(alias).getPublicKey();
                int k = (((RSAKey) pub).getModulus().bitLength() + 7) / 8;
                List<String> transformations = new ArrayList<>(List.of(OAEP, PKCS1));
                if (BARE_NAME_KEYSTORES.contains(name) && alias.equals(cipherAliases.get(0))) {
                    transformations.add(BARE);
                }
                for (String t : transformations) {
                    int limit = t.equals(OAEP) ? k - 42 : k - 11;
                    for (Object[] p : plaintexts(limit, t.equals(BARE))) {
                        byte[] plaintext = (byte[]) p[1];
                        Cipher enc = Cipher.getInstance(t);
                        enc.init(Cipher.ENCRYPT_MODE, pub);
                        byte[] ct = enc.doFinal(plaintext);
                        Cipher dec = Cipher.getInstance(t);
                        dec.init(Cipher.DECRYPT_MODE, key);
                        if (!Arrays.equals(dec.doFinal(ct), plaintext) || ct.length != k) {
                            throw new IllegalStateException("self-check failed: " + name + " " + alias + " " + t + " " + p[0]);
                        }
                        ciphertexts.append(ciphertextCount++ == 0 ? "" : ",\n")
                            .append("    { \"keystore\": ").append(json(name))
                            .append(", \"alias\": ").append(json(alias))
                            .append(", \"transformation\": ").append(json(t))
                            .append(", \"description\": ").append(json((String) p[0]))
                            .append(",\n      \"plaintextBase64\": ").append(json(Base64.getEncoder().encodeToString(plaintext)))
                            .append(",\n      \"ciphertext\": ").append(json(Base64.getEncoder().encodeToString(ct)))
                            .append(" }");
                    }
                }
            }
        }
        String manifest = "{\n  \"keystores\": [\n" + keystores + "\n  ],\n  \"ciphertexts\": [\n" + ciphertexts + "\n  ]\n}\n";
        Files.write(Path.of(args[0]), manifest.getBytes(StandardCharsets.UTF_8));
        System.out.println("VectorGen: " + keystoreCount + " keystores, " + ciphertextCount + " ciphertexts, all decrypted back");
    }

    /** The plaintext scenarios: {description, bytes}; the bare name gets only two. */
    static List<Object[]> plaintexts(int limit, boolean few) {
        byte[] atLimit = new byte[limit];
        byte[] pattern = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < limit; i++) {
            atLimit[i] = pattern[i % pattern.length];
        }
        Object[] ascii = {"ascii", "wso2carbon".getBytes(StandardCharsets.UTF_8)};
        Object[] limitCase = {"at-limit", atLimit};
        if (few) {
            return List.of(ascii, limitCase);
        }
        return List.of(
            ascii,
            new Object[] {"unicode", "pässwörd-密码-🔑".getBytes(StandardCharsets.UTF_8)},
            new Object[] {"empty", new byte[0]},
            limitCase,
            new Object[] {"brackets", "a]b[c$secret{x}".getBytes(StandardCharsets.UTF_8)});
    }

    static String entry(KeyStore ks, String alias, String keyPassword) throws Exception {
        String kind;
        String algorithm;
        int keySize;
        String fingerprint = null;
        String notAfter = null;
        String secretKeySha256 = null;
        if (ks.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
            kind = "SecretKey";
            SecretKey key = (SecretKey) ks.getKey(alias, keyPassword.toCharArray());
            algorithm = key.getAlgorithm();
            keySize = key.getEncoded().length * 8;
            // The key's own bytes stay out of the manifest; readers compare the SHA-256 of what they read.
            secretKeySha256 = fingerprint(key.getEncoded());
        } else {
            kind = ks.isKeyEntry(alias) ? "PrivateKey" : "TrustedCertificate";
            Certificate cert = ks.getCertificate(alias);
            PublicKey pub = cert.getPublicKey();
            algorithm = pub.getAlgorithm();
            keySize = pub instanceof RSAKey r ? r.getModulus().bitLength()
                : pub instanceof ECKey e ? e.getParams().getCurve().getField().getFieldSize() : 0;
            fingerprint = fingerprint(cert.getEncoded());
            notAfter = ((X509Certificate) cert).getNotAfter().toInstant().toString();
        }
        return "        { \"alias\": " + json(alias) + ", \"kind\": " + json(kind) + ", \"algorithm\": " + json(algorithm)
            + ", \"keySize\": " + keySize + ",\n          \"certificateSha256\": " + json(fingerprint)
            + ", \"notAfter\": " + json(notAfter)
            + (secretKeySha256 == null ? "" : ", \"secretKeySha256\": " + json(secretKeySha256)) + " }";
    }

    static String fingerprint(byte[] der) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
        StringBuilder sb = new StringBuilder();
        for (byte b : digest) {
            sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02X", b));
        }
        return sb.toString();
    }

    static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
