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
}
