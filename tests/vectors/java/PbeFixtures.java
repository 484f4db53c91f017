import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.security.AlgorithmParameters;
import java.security.KeyRep;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Prints the hex fixtures of JavaKeystoreReaderTests and JceksSecretKeyDamageTests that keytool cannot make: keys
 * sealed with the JDK's PBEWithMD5AndTripleDES under a fixed salt and a chosen iteration count. A sealed key is what
 * javax.crypto.SealedObject holds (the object serialized by ObjectOutputStream, then encrypted; its encodedParams are
 * the cipher's parameters), so a test puts both in place of a keytool-made JCEKS entry's. Deterministic: run it again
 * and the output is the same. Usage: java PbeFixtures.java
 */
public final class PbeFixtures {
    private static final byte[] SALT = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final byte[] KEY = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xAA, (byte) 0xBB, (byte) 0xCC, (byte) 0xDD, (byte) 0xEE, (byte) 0xFF};
    private static final byte[] OTHER = {0x0F, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A, 0x09, 0x08};

    /** A secret key that holds both a SecretKeySpec's "key" and a RAW KeyRep's "format" and "encoded". */
    static final class Mixed implements Serializable {
        private static final long serialVersionUID = 1L;
        byte[] key = KEY;
        String format = "RAW";
        byte[] encoded = OTHER;
        String algorithm = "AES";
    }

    public static void main(String[] args) throws Exception {
        // The JCEKS secret-key vector jceks-secretkey-keypass seals its key under the key password "key-pw-2".
        sealed("an AES SecretKeySpec, 1 iteration", new SecretKeySpec(KEY, "AES"), 1);
        sealed("an AES SecretKeySpec, 5,000,000 iterations", new SecretKeySpec(KEY, "AES"), 5_000_000);
        sealed("a KeyRep in format X.509", new KeyRep(KeyRep.Type.PUBLIC, "RSA", "X.509", OTHER), 1);
        sealed("both a key and a RAW encoded", new Mixed(), 1);
        // JavaKeystoreReaderTests' password "wso2carbon": the parameters and encrypted data of an EncryptedPrivateKeyInfo
        // whose plaintext is no PKCS#8 key (the JDK has no name for the JCEKS key protector's OID, so the test writes
        // the DER around them).
        Cipher cipher = cipher("wso2carbon", 1000);
        byte[] encrypted = cipher.doFinal("not a PKCS#8 key".getBytes("US-ASCII"));
        print("a protected key that is not a PKCS#8 key, 1000 iterations: parameters", cipher.getParameters().getEncoded());
        print("a protected key that is not a PKCS#8 key, 1000 iterations: encryptedData", encrypted);
    }

    private static Cipher cipher(String password, int iterations) throws Exception {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBEWithMD5AndTripleDES");
        Cipher cipher = Cipher.getInstance("PBEWithMD5AndTripleDES");
        cipher.init(Cipher.ENCRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())), new PBEParameterSpec(SALT, iterations));
        return cipher;
    }

    private static void sealed(String description, Serializable object, int iterations) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }

        Cipher cipher = cipher("key-pw-2", iterations);
        byte[] content = cipher.doFinal(bytes.toByteArray());
        AlgorithmParameters parameters = cipher.getParameters();
        print(description + ": encodedParams", parameters.getEncoded());
        print(description + ": encryptedContent", content);
    }

    private static void print(String description, byte[] bytes) {
        System.out.println("// " + description);
        System.out.println(HexFormat.of().withUpperCase().formatHex(bytes));
    }
}
