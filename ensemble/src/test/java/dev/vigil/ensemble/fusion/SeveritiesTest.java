package dev.vigil.ensemble.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.avro.Severity;
import org.junit.jupiter.api.Test;

class SeveritiesTest {
    @Test
    void bandsMapScoresToSeveritiesAtTheirLowerBounds() {
        Severities s = Severities.parse("0.5, 0.7, 0.85, 0.95");
        assertEquals(Severity.NONE, s.of(0.49));
        assertEquals(Severity.LOW, s.of(0.5));
        assertEquals(Severity.MEDIUM, s.of(0.7));
        assertEquals(Severity.HIGH, s.of(0.9));
        assertEquals(Severity.CRITICAL, s.of(0.95));
        assertThrows(IllegalArgumentException.class, () -> Severities.parse("0.5,0.4,0.8,0.9"));
    }
}
