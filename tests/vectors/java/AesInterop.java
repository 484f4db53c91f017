/*
 * AES side of the interop tests, with the JDK's own Cipher and KeyStore (no SecVault code):
 *
 *   java AesInterop.java encrypt KEY ALGORITHM [IV_BYTES]   stdin: plaintext      stdout: value
 *   java AesInterop.java decrypt KEY ALGORITHM              stdin: value          stdout: plaintext
 *
 * KEY is "p12:PATH:ALIAS" (the secret-key entry of a PKCS12 keystore, recovered with the store password in
 * INTEROP_STORE_PASSWORD, as securevault 1.2.1 does) or "env" (INTEROP_KEY: 64 hex digits or 32 bytes of UTF-8,
 * as securevault's key.based.password). ALGORITHM "AES/GCM/NoPadding" reads and writes
 * base64({"cipherText": base64(ct || tag), "iv": base64(iv)}) with a 128-bit tag; any other AES name plain base64.
 * IV_BYTES defaults to 128, as upstream's Cipher Tool writes them.
 */

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public class AesInterop {
    public static void main(String[] args) throws Exception {
        String op = args[0];
        Key key = key(args[1]);
        String algorithm = args[2];
        byte[] input = System.in.readAllBytes();
        Cipher cipher = Cipher.getInstance(algorithm);
        boolean gcm = "AES/GCM/NoPadding".equals(algorithm);
        byte[] out;
        if (op.equals("encrypt")) {
            if (gcm) {
                byte[] iv = new byte[args.length > 3 ? Integer.parseInt(args[3]) : 128];
                new SecureRandom().nextBytes(iv);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                String json = "{\"cipherText\":\"" + Base64.getEncoder().encodeToString(cipher.doFinal(input))
                        + "\",\"iv\":\"" + Base64.getEncoder().encodeToString(iv) + "\"}";
                // Gson, which upstream uses, escapes '=' as \u003d; write it so, to prove readers unescape.
                json = json.replace("=", "\\u003d");
                out = Base64.getEncoder().encode(json.getBytes(StandardCharsets.UTF_8));
            } else {
                cipher.init(Cipher.ENCRYPT_MODE, key);
                out = Base64.getEncoder().encode(cipher.doFinal(input));
            }
        } else {
            String value = new String(input, StandardCharsets.US_ASCII).trim();
            if (gcm) {
                String json = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8).replace("\\u003d", "=");
                byte[] ct = Base64.getDecoder().decode(field(json, "cipherText"));
                byte[] iv = Base64.getDecoder().decode(field(json, "iv"));
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
                out = cipher.doFinal(ct);
            } else {
                cipher.init(Cipher.DECRYPT_MODE, key);
                out = cipher.doFinal(Base64.getDecoder().decode(value));
            }
        }
        System.out.write(out);
        System.out.flush();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + name + " in the JSON form");
        }
        return m.group(1);
    }

    private static Key key(String spec) throws Exception {
        if (spec.equals("env")) {
            String text = System.getenv("INTEROP_KEY");
            byte[] bytes = text.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(text) : text.getBytes(StandardCharsets.UTF_8);
            return new SecretKeySpec(bytes, "AES");
        }
        String[] parts = spec.split(":", 3);
        char[] password = System.getenv("INTEROP_STORE_PASSWORD").toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(parts[1])) {
            store.load(in, password);
        }
        Key key = store.getKey(parts[2], password);
        if (key == null) {
            throw new IllegalArgumentException("no key at alias " + parts[2]);
        }
        return key;
    }
}
