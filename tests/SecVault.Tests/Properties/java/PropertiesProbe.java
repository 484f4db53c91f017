// Reference behaviour of java.util.Properties for PropertiesReaderTests/PropertiesWriterTests.
// Usage: java PropertiesProbe.java load <dir>    loads <dir>/case-N.properties (ISO-8859-1 and UTF-8 Reader)
//        java PropertiesProbe.java store <file>  stores each "hexkey hexvalue" line as a one-entry Properties
// Strings are printed as 4-digit hex UTF-16 units ("-" when empty) so any character survives.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class PropertiesProbe {
    static final class Recording extends Properties {
        final List<String[]> puts = new ArrayList<>();
        @Override public synchronized Object put(Object k, Object v) {
            puts.add(new String[] { (String) k, (String) v });
            return super.put(k, v);
        }
    }

    static String hex(String s) {
        if (s.isEmpty()) return "-";
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(String.format("%04X", (int) c));
        return sb.toString();
    }

    static String unhex(String h) {
        if (h.equals("-")) return "";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.length(); i += 4) sb.append((char) Integer.parseInt(h.substring(i, i + 4), 16));
        return sb.toString();
    }

    static void dump(String label, Recording p, Exception error) {
        System.out.println("#" + label);
        if (error != null) { System.out.println("ERROR"); return; }
        for (String[] kv : p.puts) System.out.println(hex(kv[0]) + " " + hex(kv[1]));
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("load")) {
            for (int n = 0; ; n++) {
                File f = new File(args[1], "case-" + n + ".properties");
                if (!f.exists()) break;
                Recording iso = new Recording();
                Exception isoError = null;
                try (InputStream in = new FileInputStream(f)) { iso.load(in); } catch (IllegalArgumentException e) { isoError = e; }
                dump(n + " iso", iso, isoError);
                Recording utf = new Recording();
                Exception utfError = null;
                try (Reader r = new InputStreamReader(new FileInputStream(f), StandardCharsets.UTF_8)) { utf.load(r); } catch (IllegalArgumentException e) { utfError = e; }
                dump(n + " utf8", utf, utfError);
            }
        } else {
            for (String line : java.nio.file.Files.readAllLines(new File(args[1]).toPath())) {
                String[] kv = line.split(" ");
                Properties p = new Properties();
                p.put(unhex(kv[0]), unhex(kv[1]));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                p.store(out, null);
                String text = out.toString(StandardCharsets.ISO_8859_1);
                System.out.println(hex(text.substring(text.indexOf('\n') + 1)));
            }
        }
    }
}
