package dev.vigil.ingest.net;

/**
 * Text form of IPv4 and IPv6 addresses: dotted quad, and RFC 5952 canonical IPv6 (lower case, longest run
 * of two or more zero groups shortened to {@code ::}). Written here because {@code InetAddress} prints IPv6
 * uncompressed and this sits on the per-prefix hot path of MRT parsing.
 */
public final class IpText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private IpText() {
    }

    /** Formats 4 bytes as IPv4 or 16 bytes as IPv6, read from {@code bytes[offset..]}. */
    public static String format(byte[] bytes, int offset, int length) {
        return switch (length) {
            case 4 -> ipv4(bytes, offset);
            case 16 -> ipv6(bytes, offset);
            default -> throw new IllegalArgumentException("An IP address has 4 or 16 bytes, not " + length);
        };
    }

    public static String format(byte[] bytes) {
        return format(bytes, 0, bytes.length);
    }

    static String ipv4(byte[] b, int o) {
        StringBuilder s = new StringBuilder(15);
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                s.append('.');
            }
            s.append(b[o + i] & 0xff);
        }
        return s.toString();
    }

    static String ipv6(byte[] b, int o) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[o + 2 * i] & 0xff) << 8) | (b[o + 2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            appendHex(s, groups[i]);
        }
        return s.toString();
    }

    private static void appendHex(StringBuilder s, int group) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int digit = (group >> shift) & 0xf;
            if (digit != 0 || started || shift == 0) {
                s.append(HEX[digit]);
                started = true;
            }
        }
    }
}
