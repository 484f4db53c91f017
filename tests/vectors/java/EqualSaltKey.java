import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.AlgorithmParameters;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Writes a JCEKS keystore whose private key is protected with PBEWithMD5AndTripleDES under a salt whose two halves
 * are equal, which the JDK's cipher treats specially (it reverses the first half before deriving the key). keytool
 * picks a random salt, so the key is sealed here with the JDK's own Cipher and stored as an already-protected key.
 * Usage: java EqualSaltKey.java source.jks sourceType alias password out.jceks
 */
public final class EqualSaltKey {
    public static void main(String[] args) throws Exception {
        String source = args[0], sourceType = args[1], alias = args[2], out = args[4];
        char[] password = args[3].toCharArray();
        KeyStore in = KeyStore.getInstance(sourceType);
        try (InputStream s = new FileInputStream(source)) {
            in.load(s, password);
        }
        Key key = in.getKey(alias, password);
        Certificate[] chain = in.getCertificateChain(alias);

        byte[] salt = {0x5A, 0x11, 0x7E, 0x03, 0x5A, 0x11, 0x7E, 0x03};
        PBEParameterSpec spec = new PBEParameterSpec(salt, 1000);
        Cipher cipher = Cipher.getInstance("PBEWithMD5AndTripleDES");
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance("PBEWithMD5AndTripleDES").generateSecret(new PBEKeySpec(password)), spec);
        byte[] encrypted = cipher.doFinal(key.getEncoded());
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("PBEWithMD5AndTripleDES");
        parameters.init(spec);
        // EncryptedPrivateKeyInfo { AlgorithmIdentifier { 1.3.6.1.4.1.42.2.19.1, PBEParameter }, OCTET STRING }, by hand:
        // the JDK has no name-to-OID mapping for the algorithm its own JCEKS key protector uses.
        byte[] oid = {0x06, 0x09, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x2A, 0x02, 0x13, 0x01};
        byte[] algorithm = der(0x30, concat(oid, parameters.getEncoded()));
        byte[] protectedKey = der(0x30, concat(algorithm, der(0x04, encrypted)));
        new EncryptedPrivateKeyInfo(protectedKey); // parses

        KeyStore jceks = KeyStore.getInstance("JCEKS");
        jceks.load(null, null);
        jceks.setKeyEntry(alias, protectedKey, chain);
        try (OutputStream s = new FileOutputStream(out)) {
            jceks.store(s, password);
        }

        // The JDK reads its own file back to the same key.
        KeyStore check = KeyStore.getInstance("JCEKS");
        try (InputStream s = new FileInputStream(out)) {
            check.load(s, password);
        }
        if (!Arrays.equals(check.getKey(alias, password).getEncoded(), key.getEncoded())) {
            throw new IllegalStateException("the equal-salt key does not read back");
        }
        System.out.println("EqualSaltKey: " + out + " written and read back");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A DER TLV with a definite length in the short or long form. */
    static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
            : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
            : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        return concat(concat(new byte[] {(byte) tag}, length), content);
    }
}
