package dev.vigil.ingest.net;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IP prefix in CIDR form, parsed strictly: the address must be a literal (never looked up), the length
 * within 0..32 (IPv4) or 0..128 (IPv6), and no bit set past the length.
 *
 * @param address the network address, 4 or 16 bytes
 * @param length  the prefix length in bits
 */
public record Prefix(byte[] address, int length) {

    public boolean ipv6() {
        return address.length == 16;
    }

    /** Parses {@code a.b.c.d/n} or {@code x:y::/n}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Prefix parse(String cidr) {
        if (cidr == null || cidr.isEmpty()) {
            throw new IllegalArgumentException("prefix is empty");
        }
        int slash = cidr.indexOf('/');
        if (slash <= 0 || slash == cidr.length() - 1) {
            throw new IllegalArgumentException("prefix '" + cidr + "' has no /length");
        }
        byte[] address = dottedQuad(cidr, slash);
        if (address == null) {
            String text = cidr.substring(0, slash);
            try {
                // ofLiteral never resolves names, unlike getByName.
                address = InetAddress.ofLiteral(text).getAddress();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("prefix '" + cidr + "' has no valid IP address");
            }
            if (text.indexOf(':') >= 0 && address.length == 4) {
                throw new IllegalArgumentException("prefix '" + cidr + "' is an IPv4-mapped IPv6 address");
            }
        }
        int length = decimal(cidr, slash + 1, cidr.length());
        if (length < 0) {
            try {
                length = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("prefix '" + cidr + "' has a length that is not a number");
            }
        }
        if (length < 0 || length > address.length * 8) {
            throw new IllegalArgumentException("prefix '" + cidr + "' has length " + length + " outside 0.." + address.length * 8);
        }
        if (!hostBitsClear(address, length)) {
            throw new IllegalArgumentException("prefix '" + cidr + "' has bits set past its length");
        }
        return new Prefix(address, length);
    }

    /**
     * The common form, four decimal octets without leading zeros ({@code 192.0.2.0}), read directly: every BGP update is
     * parsed twice (validated, then keyed), and {@link InetAddress#ofLiteral} costs several times more. Null for any
     * other text, which {@code ofLiteral} then reads (or refuses) as before, so both give the same address.
     */
    private static byte[] dottedQuad(String cidr, int end) {
        byte[] address = new byte[4];
        int start = 0;
        for (int octet = 0; octet < 4; octet++) {
            int dot = octet < 3 ? cidr.indexOf('.', start) : end;
            if (dot < 0 || dot > end) {
                return null;
            }
            int value = decimal(cidr, start, dot);
            if (value < 0 || value > 255) {
                return null;
            }
            address[octet] = (byte) value;
            start = dot + 1;
        }
        return address;
    }

    /** The value of 1 to 3 decimal digits from {@code start} to {@code end}, with no leading zero; -1 otherwise. */
    private static int decimal(String text, int start, int end) {
        int digits = end - start;
        if (digits < 1 || digits > 3 || (digits > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean hostBitsClear(byte[] address, int length) {
        for (int bit = length; bit < address.length * 8; bit++) {
            if ((address[bit >> 3] & (0x80 >> (bit & 7))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The significant bytes only (ceil(length/8)), as MRT and BGP carry a prefix. */
    public byte[] significantBytes() {
        return Arrays.copyOf(address, (length + 7) / 8);
    }

    @Override
    public String toString() {
        return IpText.format(address) + "/" + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && p.length == length && Arrays.equals(p.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + length;
    }
}
