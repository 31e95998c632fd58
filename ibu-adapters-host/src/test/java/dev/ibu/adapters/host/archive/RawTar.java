package dev.ibu.adapters.host.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes tar headers byte by byte, for what a well-behaved writer (commons-compress's included) refuses to
 * produce: PAX and GNU extension records chosen by hand, old-GNU sparse entries, bad checksums, negative
 * and base-256 sizes. Layout: POSIX ustar (or old GNU with {@link Header#gnu}), 512-byte blocks.
 */
final class RawTar {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** One header block, its fields as text (numbers in octal unless a raw field is set). */
    static final class Header {
        String name = "";
        int mode = 0644;
        long size;
        char type = '0';
        String linkName = "";
        boolean gnu;
        /** Replaces the octal size field (12 bytes) when set: base-256 or garbage. */
        byte[] rawSize;
        /** Added to the computed checksum: non-zero makes it wrong. */
        int checksumDelta;
        /** Old-GNU sparse: {offset, length} pairs (at most 4) and the expanded size. */
        long[][] sparse;
        long realSize;

        Header(String name, char type) {
            this.name = name;
            this.type = type;
        }
    }

    RawTar header(Header h) {
        byte[] b = new byte[512];
        put(b, 0, 100, h.name);
        put(b, 100, 8, octal(h.mode, 7));
        put(b, 108, 8, octal(0, 7));
        put(b, 116, 8, octal(0, 7));
        if (h.rawSize != null) {
            System.arraycopy(h.rawSize, 0, b, 124, Math.min(12, h.rawSize.length));
        } else {
            put(b, 124, 12, octal(h.size, 11));
        }
        put(b, 136, 12, octal(1_700_000_000L, 11));
        b[156] = (byte) h.type;
        put(b, 157, 100, h.linkName);
        if (h.gnu) {
            put(b, 257, 8, "ustar  ");
        } else {
            put(b, 257, 6, "ustar");
            put(b, 263, 2, "00");
        }
        put(b, 265, 32, "root");
        put(b, 297, 32, "root");
        if (h.sparse != null) {
            for (int i = 0; i < h.sparse.length; i++) {
                put(b, 386 + i * 24, 12, octal(h.sparse[i][0], 11));
                put(b, 386 + i * 24 + 12, 12, octal(h.sparse[i][1], 11));
            }
            put(b, 483, 12, octal(h.realSize, 11));
        }
        for (int i = 148; i < 156; i++) {
            b[i] = ' ';
        }
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        put(b, 148, 8, octal(sum + h.checksumDelta, 6) + "\0 ");
        out.writeBytes(b);
        return this;
    }

    /** Content blocks, padded to 512. */
    RawTar data(byte[] content) {
        out.writeBytes(content);
        int pad = (512 - content.length % 512) % 512;
        out.writeBytes(new byte[pad]);
        return this;
    }

    RawTar file(String name, String content) {
        byte[] c = content.getBytes(StandardCharsets.UTF_8);
        Header h = new Header(name, '0');
        h.size = c.length;
        return header(h).data(c);
    }

    /** A PAX extended header ('x' for the next entry, 'g' global) holding {@code records}. */
    RawTar pax(char type, Map<String, String> records) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> r : records.entrySet()) {
            String body = " " + r.getKey() + "=" + r.getValue() + "\n";
            int len = body.getBytes(StandardCharsets.UTF_8).length;
            int total = len + String.valueOf(len).length();
            if (String.valueOf(total).length() != String.valueOf(len).length()) {
                total++;
            }
            sb.append(total).append(body);
        }
        byte[] c = sb.toString().getBytes(StandardCharsets.UTF_8);
        Header h = new Header(type == 'g' ? "pax_global_header" : "PaxHeaders/x", type);
        h.size = c.length;
        return header(h).data(c);
    }

    static Map<String, String> records(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A GNU long-name ('L') or long-link ('K') record for the next entry. */
    RawTar gnuLong(char type, String value) {
        byte[] c = (value + "\0").getBytes(StandardCharsets.UTF_8);
        Header h = new Header("././@LongLink", type);
        h.gnu = true;
        h.size = c.length;
        return header(h).data(c);
    }

    byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A stream of {@code n} zero bytes, never held in memory. */
    private static InputStream zeros(long n) {
        return new InputStream() {
            long left = n;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                left--;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) 0);
                left -= k;
                return k;
            }
        };
    }

    /** Files of zeros, each {@code size} bytes: a high-ratio gzip bomb once compressed (about 1000:1). */
    static Supplier<InputStream> zeroFiles(long size, String... names) {
        return () -> {
            List<InputStream> parts = new ArrayList<>();
            for (String n : names) {
                RawTar.Header h = new RawTar.Header(n, '0');
                h.size = size;
                parts.add(new ByteArrayInputStream(headerOnly(h)));
                parts.add(zeros(size));
                parts.add(new ByteArrayInputStream(new byte[(int) ((512 - size % 512) % 512)]));
            }
            parts.add(new ByteArrayInputStream(new byte[1024]));
            return new SequenceInputStream(Collections.enumeration(parts));
        };
    }

    private static byte[] headerOnly(RawTar.Header h) {
        byte[] all = new RawTar().header(h).finish();
        return java.util.Arrays.copyOf(all, 512);
    }

    private static String octal(long v, int digits) {
        String s = Long.toOctalString(v);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    private static void put(byte[] b, int off, int len, String s) {
        byte[] v = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(v, 0, b, off, Math.min(len, v.length));
    }
}
