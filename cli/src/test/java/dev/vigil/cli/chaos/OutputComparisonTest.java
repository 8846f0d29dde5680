package dev.vigil.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputComparisonTest {
    @Test
    void theSameRecordsInAnotherOrderAreIdentical() {
        OutputComparison c = OutputComparison.of("t", List.of(Map.entry("a", "1"), Map.entry("b", "2")),
                List.of(Map.entry("b", "2"), Map.entry("a", "1")));

        assertTrue(c.identical());
        assertEquals(2, c.expected());
        assertEquals(2, c.actual());
    }

    @Test
    void eachKindOfFaultIsCountedApart() {
        OutputComparison c = OutputComparison.of("t",
                List.of(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3")),
                List.of(Map.entry("a", "1"), Map.entry("a", "1"), Map.entry("b", "9"), Map.entry("z", "0")));

        assertEquals(1, c.missing(), "c");
        assertEquals(1, c.duplicated(), "a twice");
        assertEquals(1, c.differing(), "b");
        assertEquals(1, c.unexpected(), "z");
        assertFalse(c.identical());
        assertEquals(4, c.examples().size());
    }

    @Test
    void aDuplicateDoesNotMakeUpForAMissingRecord() {
        // as many records written as expected, but one key twice and another not at all
        OutputComparison c = OutputComparison.of("t", List.of(Map.entry("a", "1"), Map.entry("b", "2")),
                List.of(Map.entry("a", "1"), Map.entry("a", "1")));

        assertEquals(c.expected(), c.actual());
        assertEquals(1, c.missing());
        assertEquals(1, c.duplicated());
    }

    @Test
    void aReferenceWhoseKeysRepeatIsRefused() {
        assertThrows(IllegalStateException.class, () -> OutputComparison.of("t", List.of(Map.entry("a", "1"), Map.entry("a", "2")),
                List.of()));
    }

    @Test
    void restartsFallBetweenTheKills() {
        ChaosRun.Fault k = ChaosRun.Fault.KILL;
        ChaosRun.Fault b = ChaosRun.Fault.BROKER_RESTART;
        ChaosRun.Fault r = ChaosRun.Fault.REGISTRY_RESTART;
        assertEquals(List.of(k, k, b, k, k, k), ChaosRun.schedule(5, 1, 0));
        assertEquals(List.of(k, b, k, b, k), ChaosRun.schedule(3, 2, 0));
        assertEquals(List.of(k, r, k, b, k, k, k), ChaosRun.schedule(5, 1, 1));
        assertEquals(List.of(k, k), ChaosRun.schedule(2, 0, 0));
    }
}
