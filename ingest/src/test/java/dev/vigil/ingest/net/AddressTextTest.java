package dev.vigil.ingest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    private static String v6(String literal) {
        return IpText.format(InetAddress.ofLiteral(literal).getAddress());
    }

    @Test
    void ipv6FollowsRfc5952() {
        assertEquals("2001:db8::1", v6("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", v6("2001:db8:0:1:1:1:1:1"), "a single zero group is not shortened");
        assertEquals("2001:0:0:1::1", v6("2001:0:0:1:0:0:0:1"), "the longest run is shortened");
        assertEquals("2001:db8::1:0:0:1", v6("2001:db8:0:0:1:0:0:1"), "the first of equal runs is shortened");
        assertEquals("::", v6("::"));
        assertEquals("::1", v6("::1"));
        assertEquals("fe80::", v6("fe80::"));
    }

    @Test
    void prefixesAreParsedStrictly() {
        assertEquals("192.0.2.0/24", Prefix.parse("192.0.2.0/24").toString());
        assertEquals("2001:db8::/32", Prefix.parse("2001:DB8:0::/32").toString());
        assertEquals(3, Prefix.parse("192.0.2.0/24").significantBytes().length);
        assertEquals("prefix '192.0.2.1/24' has bits set past its length",
                assertThrows(IllegalArgumentException.class, () -> Prefix.parse("192.0.2.1/24")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("192.0.2.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("192.0.2.0"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("300.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("2001:db8::/129"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse(""));
    }

    @Test
    void dottedQuadsReadDirectlyGiveWhatOfLiteralGives() {
        for (String text : new String[] {"0.0.0.0", "192.0.2.0", "255.255.255.255", "10.0.0.0", "1.2.3.4", "256.0.0.0",
                "01.2.3.4", "1.2.3.04", "1.2.3", "1.2", "16909060", "1.2.3.4.5", "1..3.4", "1.2.3.", ".1.2.3", "a.b.c.d",
                "1.2.3.-4", "1.2.3.1234", "0x1.2.3.4", "::1.2.3.4", "::ffff:1.2.3.4", "2001:db8::", "1.2.3.4 "}) {
            byte[] expected;
            try {
                expected = InetAddress.ofLiteral(text).getAddress();
            } catch (IllegalArgumentException e) {
                expected = null;
            }
            byte[] parsed;
            try {
                parsed = Prefix.parse(text + "/" + (text.indexOf(':') >= 0 ? 128 : 32)).address();
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
            if (expected != null && expected.length == 4 && text.indexOf(':') >= 0) {
                expected = null; // an IPv4-mapped IPv6 address is refused on purpose
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, parsed, text);
        }
        assertEquals(24, Prefix.parse("192.0.2.0/024").length(), "a length with a leading zero reads as before");
        assertEquals(0, Prefix.parse("0.0.0.0/0").length());
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("192.0.2.0/2x"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("192.0.2.0/"));
    }
}
