package dev.vigil.ensemble.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.ModelStage;
import dev.vigil.kit.testing.InMemoryDeadLetterSink;
import dev.vigil.kit.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An undecodable record on model.versions is dead-lettered once and skipped; the global store keeps following. */
class PoisonedVersionsTest {
    @TempDir
    Path dir;

    @Test
    void garbageOnModelVersionsIsDeadLetteredAndLaterVersionsStillArrive() {
        try (EnsembleDriver d = new EnsembleDriver(dir, Map.of())) {
            d.rawVersion("x.y/1", new byte[] {0, 0, 0, 0, 99, 1, 2});
            d.rawVersion("x.y/2", new byte[] {7});
            d.announce("telemetry-service", "isolation-forest", 1, ModelStage.PRODUCTION);
            List<DeadLetter> letters = ((InMemoryDeadLetterSink) d.ctx.deadLetters()).letters();
            assertEquals(2, letters.size(), letters.toString());
            assertTrue(letters.stream().allMatch(l -> l.getSourceTopic().equals(Topics.MODEL_VERSIONS)));
            assertTrue(letters.get(1).getReason().contains("magic byte") || letters.get(1).getReason().contains("too short"),
                    letters.get(1).getReason());
        }
    }

    @Test
    void aLabelTombstoneIsWhatCompactionMeansNotADeadLetter() {
        try (EnsembleDriver d = new EnsembleDriver(dir, Map.of())) {
            d.labelTombstone("service:a|1700000000000");
            assertTrue(d.labelDeadLetters().isEmpty());
        }
    }
}
