import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * Live interop CLI for the .NET tests:
 *   java Interop.java encrypt|decrypt <keystore> <type> <alias> <transformation>
 * Store password from env INTEROP_STORE_PASSWORD, key password from INTEROP_KEY_PASSWORD (default: the
 * store password); passwords are never arguments. encrypt: raw plaintext bytes on stdin, base64
 * ciphertext on stdout. decrypt: base64 on stdin (whitespace ignored), raw plaintext bytes on stdout.
 * Errors: a message on stderr (never a password or plaintext), exit 1.
 */
public final class Interop {
    public static void main(String[] args) {
        try {
            if (args.length != 5 || !(args[0].equals("encrypt") || args[0].equals("decrypt"))) {
                throw new IllegalArgumentException(
                    "usage: java Interop.java encrypt|decrypt <keystore> <type> <alias> <transformation>");
            }
            String storePassword = System.getenv("INTEROP_STORE_PASSWORD");
            if (storePassword == null) {
                throw new IllegalArgumentException("INTEROP_STORE_PASSWORD is not set");
            }
            String keyPassword = System.getenv("INTEROP_KEY_PASSWORD");
            if (keyPassword == null) {
                keyPassword = storePassword;
            }
            KeyStore ks = KeyStore.getInstance(args[2]);
            try (InputStream in = new FileInputStream(args[1])) {
                ks.load(in, storePassword.toCharArray());
            }
            String alias = args[3];
            Cipher cipher = Cipher.getInstance(args[4]);
            byte[] input = System.in.readAllBytes();
            if (args[0].equals("encrypt")) {
                Certificate cert = ks.getCertificate(alias);
                if (cert == null) {
                    throw new IllegalArgumentException("no certificate for alias " + alias);
                }
                cipher.init(Cipher.ENCRYPT_MODE, cert.getPublicKey());
                String ct = Base64.getEncoder().encodeToString(cipher.doFinal(input));
                System.out.print(ct + "\n");
            } else {
                Key key = ks.getKey(alias, keyPassword.toCharArray());
                if (!(key instanceof PrivateKey)) {
                    throw new IllegalArgumentException("no private key for alias " + alias);
                }
                String b64 = new String(input, StandardCharsets.US_ASCII).replaceAll("\\s", "");
                cipher.init(Cipher.DECRYPT_MODE, key);
                System.out.write(cipher.doFinal(Base64.getDecoder().decode(b64)));
            }
            System.out.flush();
        } catch (Exception e) {
            System.err.println("Interop: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
