package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real labelled BGP data (UFAM-LIA multi-event set, per-peer 1-minute features from RIPE RIS): every
 * model learns from the Code Red event only and is judged on other worm events it never saw (Nimda,
 * Slammer) and, for the isolation forest, on a route leak seen from another collector (AS9121). Bounds are
 * modest on purpose: these events differ from the training one in peers, year and traffic level.
 */
class BgpCrossEventTest {
    private static TrainingSet codeRed;
    private static TrainingSet nimda;
    private static TrainingSet slammer;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isDirectory(BgpDataset.folder()), "datasets folder not found: " + BgpDataset.folder());
        codeRed = BgpDataset.event("code-red");
        nimda = BgpDataset.event("nimda");
        slammer = BgpDataset.event("slammer");
    }

    @Test
    void isolationForestTrainedOnCodeRedNormalRowsFindsOtherEvents() {
        AnomalyModel model = Trainers.train(Algorithms.ISOLATION_FOREST, codeRed, Map.of());
        ValidationMetrics onNimda = report("isolation-forest", "nimda", model, nimda);
        ValidationMetrics onSlammer = report("isolation-forest", "slammer", model, slammer);
        ValidationMetrics onLeak = report("isolation-forest", "as9121", model, BgpDataset.event("as9121"));
        assertTrue(onNimda.rocAuc() > 0.62, "nimda ROC-AUC " + onNimda.rocAuc());
        assertTrue(onSlammer.rocAuc() > 0.75, "slammer ROC-AUC " + onSlammer.rocAuc());
        assertTrue(onLeak.rocAuc() > 0.75, "as9121 ROC-AUC " + onLeak.rocAuc());
        // Alerts are mostly right: precision at the 1% threshold is well above each event's anomaly share.
        assertTrue(onNimda.precision() > 2 * share(nimda), "nimda precision " + onNimda.precision());
        assertTrue(onSlammer.precision() > 3 * share(slammer), "slammer precision " + onSlammer.precision());
    }

    @Test
    void rulesTrainedOnCodeRedFindOtherWormEvents() {
        AnomalyModel model = Trainers.train(Algorithms.RULES, codeRed, Map.of());
        ValidationMetrics onNimda = report("rules", "nimda", model, nimda);
        ValidationMetrics onSlammer = report("rules", "slammer", model, slammer);
        // Every feature's range is widened by its own tail, so no one heavy-tailed count decides alone: fewer of these
        // raw-volume events rank first over the whole range (ROC-AUC 0.65 and 0.74, was 0.66 and 0.80 when the
        // median set the widths), more of them are past the threshold (recall 0.09 on Slammer, was 0.05).
        assertTrue(onNimda.rocAuc() > 0.6, "nimda ROC-AUC " + onNimda.rocAuc());
        assertTrue(onSlammer.rocAuc() > 0.7, "slammer ROC-AUC " + onSlammer.rocAuc());
        assertTrue(onSlammer.recall() > 0.07, "slammer recall " + onSlammer.recall());
    }

    @Test
    void forecasterTrainedOnCodeRedSequencesBeatsChanceOnOtherWormEvents() {
        AnomalyModel model = Trainers.train(Algorithms.FORECASTER, codeRed, Map.of());
        ValidationMetrics onNimda = report("forecaster", "nimda", model, nimda);
        ValidationMetrics onSlammer = report("forecaster", "slammer", model, slammer);
        // A forecaster sees the onset of a sustained event, then learns to expect it: weaker ranking.
        assertTrue(onNimda.rocAuc() > 0.57, "nimda ROC-AUC " + onNimda.rocAuc());
        assertTrue(onSlammer.rocAuc() > 0.6, "slammer ROC-AUC " + onSlammer.rocAuc());
    }

    @Test
    void classifierTrainedOnCodeRedLabelsFindsSlammer() {
        AnomalyModel model = Trainers.train(Algorithms.CLASSIFIER, codeRed, Map.of("trees", "50", "maxDepth", "12"));
        ValidationMetrics onSlammer = report("classifier", "slammer", model, slammer);
        assertTrue(onSlammer.rocAuc() > 0.8, "slammer ROC-AUC " + onSlammer.rocAuc());
        assertTrue(onSlammer.prAuc() > 2.5 * share(slammer), "slammer PR-AUC " + onSlammer.prAuc());
        assertTrue(onSlammer.f1() > 0.4, "slammer F1 " + onSlammer.f1());
    }

    private static double share(TrainingSet set) {
        return (double) set.count(TrainingSet.ANOMALY) / set.size();
    }

    private static ValidationMetrics report(String algorithm, String event, AnomalyModel model, TrainingSet test) {
        ValidationMetrics m = Validation.evaluate(model, test);
        System.out.printf("bgp code-red -> %s %s: rows=%d anomalies=%d ROC-AUC=%.3f PR-AUC=%.3f F1=%.3f precision=%.3f "
                        + "recall=%.3f FPR=%.4f%n", event, algorithm, m.samples(), m.positives(), m.rocAuc(), m.prAuc(), m.f1(),
                m.precision(), m.recall(), m.falsePositiveRate());
        return m;
    }
}
