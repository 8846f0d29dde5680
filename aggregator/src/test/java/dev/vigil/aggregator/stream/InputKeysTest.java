package dev.vigil.aggregator.stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
