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
        String text = cidr.substring(0, slash);
        byte[] address;
        try {
            // ofLiteral never resolves names, unlike getByName.
            address = InetAddress.ofLiteral(text).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prefix '" + cidr + "' has no valid IP address");
        }
        if (text.indexOf(':') >= 0 && address.length == 4) {
            throw new IllegalArgumentException("prefix '" + cidr + "' is an IPv4-mapped IPv6 address");
        }
        int length;
        try {
            length = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix '" + cidr + "' has a length that is not a number");
        }
        if (length < 0 || length > address.length * 8) {
            throw new IllegalArgumentException("prefix '" + cidr + "' has length " + length + " outside 0.." + address.length * 8);
        }
        if (!hostBitsClear(address, length)) {
            throw new IllegalArgumentException("prefix '" + cidr + "' has bits set past its length");
        }
        return new Prefix(address, length);
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
