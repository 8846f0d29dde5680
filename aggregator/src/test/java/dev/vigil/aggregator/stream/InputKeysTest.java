package dev.vigil.aggregator.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputKeysTest {
    @Test
    void theEntityOrItsPlainFormIsAcceptedAnythingElseIsNot() {
        assertNull(InputKeys.problem("peer:rrc00|AS64500|192.0.2.1", "peer:rrc00|AS64500|192.0.2.1"));
        assertNull(InputKeys.problem("rrc00|64500|192.0.2.1", "peer:rrc00|AS64500|192.0.2.1"));
        assertNull(InputKeys.problem("checkout", "service:checkout"));
        assertNull(InputKeys.problem("host1|cpu", "metric:host1|cpu"));
        assertNull(InputKeys.problem("rrc00|64500", "peer:rrc00|AS64500"));
        assertNull(InputKeys.problem("rrc00|64500|", "peer:rrc00|AS64500"));
        assertNull(InputKeys.problem("rrc00|AS64500|192.0.2.1", "peer:rrc00|AS64500|192.0.2.1"));
        assertNotNull(InputKeys.problem("rrc00|64500|192.0.2.9", "peer:rrc00|AS64500|192.0.2.1"));
        assertNotNull(InputKeys.problem("search", "service:checkout"));
        assertNotNull(InputKeys.problem("rrc00|AS|192.0.2.1", "peer:rrc00|AS64500|192.0.2.1"));
        assertNotNull(InputKeys.problem("host1|ASx", "metric:host1|ASx|cpu"));
        assertNotNull(InputKeys.problem(null, "service:checkout"));
    }

    @Test
    void aPeersEntityIsRecognisedWithoutBuildingItsName() {
        assertTrue(InputKeys.namesPeer("peer:rrc00|AS64500|192.0.2.1", "rrc00", 64500, "192.0.2.1"));
        assertTrue(InputKeys.namesPeer("peer:rrc00|AS0|192.0.2.1", "rrc00", 0, "192.0.2.1"));
        assertTrue(InputKeys.namesPeer("peer:rrc00|AS4200000000", "rrc00", 4_200_000_000L, null));
        assertTrue(InputKeys.namesPeer("peer:rrc00|AS4200000000", "rrc00", 4_200_000_000L, ""));
        // Anything else is left to problem(), which accepts the plain forms and refuses the rest.
        assertFalse(InputKeys.namesPeer("rrc00|64500|192.0.2.1", "rrc00", 64500, "192.0.2.1"));
        assertFalse(InputKeys.namesPeer("peer:rrc00|AS064500|192.0.2.1", "rrc00", 64500, "192.0.2.1"));
        assertFalse(InputKeys.namesPeer("peer:rrc00|AS6450|192.0.2.1", "rrc00", 64500, "192.0.2.1"));
        assertFalse(InputKeys.namesPeer("peer:rrc00|AS64500|192.0.2.10", "rrc00", 64500, "192.0.2.1"));
        assertFalse(InputKeys.namesPeer("peer:rrc00|AS64500|192.0.2", "rrc00", 64500, "192.0.2.1"));
        assertFalse(InputKeys.namesPeer("peer:rrc00|AS64500", "rrc00", 64500, "192.0.2.1"));
        assertFalse(InputKeys.namesPeer("peer:rrc00|AS64500|192.0.2.1", "rrc01", 64500, "192.0.2.1"));
        assertFalse(InputKeys.namesPeer("peer:rrc00|AS|192.0.2.1", "rrc00", 64500, "192.0.2.1"));
        assertFalse(InputKeys.namesPeer(null, "rrc00", 64500, "192.0.2.1"));
        for (String key : new String[] {"peer:rrc00|AS64500|192.0.2.1", "peer:rrc00|AS64500", "peer:rrc00|AS64500|",
                "peer:rrc|AS64500|192.0.2.1", "peer:rrc00|AS99999999999999999999|192.0.2.1"}) {
            for (String address : new String[] {"192.0.2.1", null, ""}) {
                assertEquals(key.equals(dev.vigil.schemas.Entities.peer("rrc00", 64500, address)),
                        InputKeys.namesPeer(key, "rrc00", 64500, address), key + " / " + address);
            }
        }
    }
}
