package dev.vigil.ensemble.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.ensemble.ab.PromotionRequests;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Champion and challenger through the real topology: the sticky split, per-arm counts, and a decided trial. */
class ChallengerTopologyTest {
    private static final String SVC = "telemetry-service";
    private static final Map<String, String> SETTINGS = Map.of(
            "vigil.ensemble.correlation.min.entities", "1000",
            "vigil.ensemble.correlation.hold", "0s",
            "vigil.ensemble.ab.challenger.share", "0.4",
            "vigil.ensemble.ab.min.labels", "20");

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    /** Production isolation forest v1 and rules v1; the isolation forest v2 in staging, scored in shadow. */
    private static EnsembleDriver withTrial(Path dir) {
        EnsembleDriver d = new EnsembleDriver(dir, SETTINGS);
        d.announce(SVC, "isolation-forest", 1, ModelStage.PRODUCTION);
        d.announce(SVC, "rules", 1, ModelStage.PRODUCTION);
        d.announce(SVC, "isolation-forest", 2, ModelStage.STAGING);
        return d;
    }

    private static void window(EnsembleDriver d, String entity, int minute, double champion, double challenger) {
        d.pipe(EnsembleDriver.score(entity, SVC, minute, "isolation-forest", 1, champion, false));
        d.pipe(EnsembleDriver.score(entity, SVC, minute, "rules", 1, champion, false));
        d.pipe(EnsembleDriver.score(entity, SVC, minute, "isolation-forest", 2, challenger, true));
    }

    private static Map<String, String> variants(Path dir) {
        Map<String, String> byEntity = new TreeMap<>();
        try (EnsembleDriver d = withTrial(dir)) {
            for (int m = 0; m < 3; m++) {
                for (int i = 0; i < 40; i++) {
                    window(d, "service:s" + i, m, 0.9, 0.9);
                }
            }
            for (Alert alert : d.alerts()) {
                String previous = byEntity.put(alert.getEntity(), alert.getVariant());
                assertTrue(previous == null || previous.equals(alert.getVariant()), "sticky within a run: " + alert.getEntity());
                assertEquals(List.of(1, 1), alert.getDetectorScores().stream().map(DetectorVerdict::getModelVersion).toList(),
                        "alerts show the champion's versions");
            }
            long inB = byEntity.values().stream().filter("B"::equals).count();
            assertEquals(3.0 * inB, d.counter("vigil.ensemble.variant.windows", "variant", "B"));
            assertEquals(3.0 * (40 - inB), d.counter("vigil.ensemble.variant.windows", "variant", "A"));
        }
        return byEntity;
    }

    @Test
    void entitiesAreSplitStickilyByHashTheSameWayOnEveryInstance() {
        Map<String, String> first = variants(dirA);
        Map<String, String> second = variants(dirB);
        assertEquals(40, first.size());
        assertEquals(first, second, "an independent instance assigns every entity to the same arm");
        long inB = first.values().stream().filter("B"::equals).count();
        assertTrue(inB >= 6 && inB <= 26, "about 40% of 40 entities in B (binomial, > 3 sd): " + inB);
    }

    @Test
    void aShadowScoreNeverRaisesAnAlert() {
        try (EnsembleDriver d = withTrial(dirA)) {
            for (int i = 0; i < 10; i++) {
                window(d, "service:s" + i, 0, 0.1, 0.99);
            }
            assertTrue(d.alerts().isEmpty());
            assertEquals(10.0, d.counter("vigil.ensemble.fused", "anomalous", "false"));
            assertTrue(d.counter("vigil.ensemble.variant.anomalous", "variant", "B") > 0, "the challenger's own verdict is counted");
        }
    }

    @Test
    void labelsDecideATrialTheChallengerWinsAndAPromotionRequestIsWritten() {
        try (EnsembleDriver d = withTrial(dirA)) {
            for (int i = 0; i < 160; i++) {
                String entity = "service:s" + i;
                boolean anomaly = i % 2 == 0;
                // The champion catches every other anomaly; the challenger all of them.
                window(d, entity, i, anomaly && i % 4 == 0 ? 0.9 : 0.1, anomaly ? 0.9 : 0.1);
                d.label(entity, SVC, i, anomaly);
            }
            List<RetrainRequest> requests = d.requests();
            assertEquals(1, requests.size());
            RetrainRequest r = requests.getFirst();
            assertEquals("promote:telemetry-service.isolation-forest:v2", r.getRequestId());
            assertEquals(PromotionRequests.REASON, r.getReasons().getFirst());
            assertEquals(2.0, r.getDriftFigures().get("ab.challenger.version"));
            assertEquals(1.0, r.getDriftFigures().get("ab.champion.version"));
            assertTrue(r.getDriftFigures().get("ab.p.value") < 0.05);
            assertTrue(r.getDriftFigures().get("ab.challenger.labelled") >= 20);
            assertEquals(1.0, d.counter("vigil.ensemble.trials.decided", "winner", "B"));
        }
    }

    @Test
    void labelsArrivingBeforeTheirWindowAreHeldAndStillCount() {
        try (EnsembleDriver d = withTrial(dirA)) {
            Map<String, Boolean> truth = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                truth.put("service:s" + i, i % 2 == 0);
                d.label("service:s" + i, SVC, i, i % 2 == 0);
            }
            assertEquals(10.0, d.counter("vigil.ensemble.labels", "matched", "false"));
            truth.forEach((entity, anomaly) -> window(d, entity, Integer.parseInt(entity.substring(9)), anomaly ? 0.9 : 0.1, 0.5));
            double labelled = d.counter("vigil.ensemble.variant.labelled", "variant", "A")
                    + d.counter("vigil.ensemble.variant.labelled", "variant", "B");
            assertEquals(10.0, labelled);
        }
    }
}
