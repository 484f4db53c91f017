// JDK baseline for bench/run: the work `ciphertool -Dconfigure` and `mi secret create -f` do, done by
// the JDK in one process. Opens a keystore with the password on the first line of standard input,
// takes the alias's certificate, encrypts every value of a .properties file (or one value per line)
// and prints `key = base64(ciphertext)` per entry, in input order.
// With --decrypt it reads `key = ciphertext` lines, decrypts them with the alias's private key and
// prints only the count (never the plaintexts).
//
// Compile once:  javac -d artifacts/bench/java bench/java/BaselineEncrypt.java
// Run:           printf '%s\n' "$PW" | java -cp artifacts/bench/java BaselineEncrypt \
//                    --keystore ks.jks [--type JKS] [--alias wso2carbon] \
//                    [--transformation RSA/ECB/OAEPwithSHA1andMGF1Padding] [--decrypt] \
//                    (--properties FILE | --lines FILE)
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Cipher;

public final class BaselineEncrypt {
    private BaselineEncrypt() {
    }

    public static void main(String[] args) throws Exception {
        String keystore = null;
        String type = "JKS";
        String alias = "wso2carbon";
        String transformation = "RSA/ECB/OAEPwithSHA1andMGF1Padding";
        String properties = null;
        String lines = null;
        boolean decrypt = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keystore" -> keystore = args[++i];
                case "--type" -> type = args[++i];
                case "--alias" -> alias = args[++i];
                case "--transformation" -> transformation = args[++i];
                case "--properties" -> properties = args[++i];
                case "--lines" -> lines = args[++i];
                case "--decrypt" -> decrypt = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (keystore == null || (properties == null) == (lines == null)) {
            usage("need --keystore and one of --properties or --lines");
        }

        char[] password = readPasswordLine(System.in);
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(keystore))) {
            store.load(in, password);
        }

        Map<String, String> entries = properties != null
                ? readProperties(Path.of(properties))
                : readLines(Path.of(lines));

        Cipher cipher = Cipher.getInstance(transformation);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        if (decrypt) {
            Key key = store.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IllegalStateException("alias " + alias + " has no private key");
            }
            cipher.init(Cipher.DECRYPT_MODE, privateKey);
            Base64.Decoder decoder = Base64.getMimeDecoder();
            int count = 0;
            for (String value : entries.values()) {
                byte[] plain = cipher.doFinal(decoder.decode(value));
                Arrays.fill(plain, (byte) 0);
                count++;
            }
            out.write("decrypted " + count + "\n");
        } else {
            PublicKey publicKey = store.getCertificate(alias).getPublicKey();
            cipher.init(Cipher.ENCRYPT_MODE, publicKey);
            Base64.Encoder encoder = Base64.getEncoder();
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] cipherText = cipher.doFinal(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.write(e.getKey());
                out.write(" = ");
                out.write(encoder.encodeToString(cipherText));
                out.write('\n');
            }
        }
        out.flush();
        Arrays.fill(password, '\0');
    }

    private static char[] readPasswordLine(InputStream in) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null || line.isEmpty()) {
            usage("the keystore password must be the first line of standard input");
        }
        return line.toCharArray();
    }

    /** java.util.Properties syntax, kept in file order. */
    private static Map<String, String> readProperties(Path file) throws Exception {
        Map<String, String> ordered = new LinkedHashMap<>();
        Properties props = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                ordered.put((String) key, (String) value);
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        return ordered;
    }

    /** One value per line; the key is the line number. */
    private static Map<String, String> readLines(Path file) throws Exception {
        List<String> all = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Map<String, String> ordered = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).isEmpty()) {
                ordered.put(Integer.toString(i + 1), all.get(i));
            }
        }
        return ordered;
    }

    private static void usage(String message) {
        System.err.println("BaselineEncrypt: error: " + message);
        System.exit(2);
    }
}
