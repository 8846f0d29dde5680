package dev.vigil.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.deadletter.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RefusalReportTest {
    @Test
    void aReportReadsBackAsTheRefusalItWasWrittenFor() {
        DeadLetter letter = RefusalReport.letter("detectors", "model.versions", "bgp-peer.rules", 12, "integrity",
                "SHA-256 mismatch; v11 keeps serving");
        RefusalReport report = RefusalReport.of(letter).orElseThrow();
        assertEquals("bgp-peer.rules", report.model());
        assertEquals(12, report.version());
        assertEquals("integrity", report.reason());
        assertEquals("bgp-peer.rules/12", report.key());
        assertEquals("model-refused-integrity", letter.getErrorClass());
        assertTrue(report.summary().startsWith("SHA-256 mismatch; v11 keeps serving (detectors, "), report.summary());
    }

    @Test
    void otherDeadLettersOfTheVersionsTopicAreNotRefusals() {
        DeadLetter undecodable = DeadLetters.letter("ensemble", "model.versions", 0, 3L,
                "bgp-peer.rules/2".getBytes(StandardCharsets.UTF_8), new byte[] {1}, "org.apache.avro.AvroRuntimeException", "bad");
        DeadLetter badKey = DeadLetters.letter("detectors", "model.versions", -1, -1L,
                "bgp-peer.rules".getBytes(StandardCharsets.UTF_8), null, "model-refused-format", "corrupt");
        assertTrue(RefusalReport.of(undecodable).isEmpty());
        assertTrue(RefusalReport.of(badKey).isEmpty());
    }
}
