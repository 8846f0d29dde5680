package dev.vigil.ensemble.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreListAndPeersTest {
    @Test
    void ignoreListMatchesExactNamesAndGlobsWithRegexCharactersTakenLiterally() {
        IgnoreList ignore = IgnoreList.parse("peer:rrc00|AS64500|*, service:load-test-*,metric:host1|cpu");
        assertTrue(ignore.ignores("peer:rrc00|AS64500|192.0.2.1"));
        assertFalse(ignore.ignores("peer:rrc01|AS64500|192.0.2.1"));
        assertTrue(ignore.ignores("service:load-test-7"));
        assertTrue(ignore.ignores("metric:host1|cpu"));
        assertFalse(ignore.ignores("metric:host1Xcpu"), "| is not a regex alternation");
        assertFalse(IgnoreList.parse("").ignores("anything"));
    }

    @Test
    void aPeerIsItsAsAndAddressWhicheverCollectorSawIt() {
        assertEquals("AS513|192.65.185.3", BgpPeers.peerOf("peer:rrc04|AS513|192.65.185.3"));
        assertEquals(2, BgpPeers.distinctPeers(List.of("peer:rrc04|AS513|192.65.185.3", "peer:rrc00|AS513|192.65.185.3",
                "peer:rrc04|AS3356|4.69.184.193")));
        assertEquals(1, BgpPeers.distinctPeers(List.of("origin:AS3356")));
    }
}
