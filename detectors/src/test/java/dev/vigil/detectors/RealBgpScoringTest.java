package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.models.Algorithms;
import dev.vigil.models.ModelCodec;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.registry.ModelKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real data through the whole app: models trained on the Code Red days of RIPE rrc04 (SFU dataset, MIT;
 * unsupervised detectors learn from its regular minutes) are published to the registry topics, then the
 * Slammer days from the same collector, an event they never saw, stream through the topology. Each detector's scores must rank the labelled anomaly period well above the rest (ROC AUC),
 * which also proves the history store feeds the forecaster in window order.
 */
class RealBgpScoringTest {
    private static final List<String> FEATURES = List.of("announcements", "withdrawals", "announced_prefixes",
            "withdrawn_prefixes", "as_path_avg", "as_path_max", "unique_as_path_avg", "duplicate_announcements",
            "implicit_withdrawals", "duplicate_withdrawals", "edit_distance_max", "arrival_rate", "edit_distance_avg",
            "as_path_len_11", "as_path_len_12", "as_path_len_13", "as_path_len_14", "as_path_len_15", "as_path_len_16",
            "as_path_len_17", "as_path_len_18", "as_path_len_19", "as_path_len_20", "edit_distance_7", "edit_distance_8",
            "edit_distance_9", "edit_distance_10", "edit_distance_11", "edit_distance_12", "edit_distance_13",
            "edit_distance_14", "edit_distance_15", "edit_distance_16", "origin_igp", "origin_egp", "origin_incomplete",
            "packet_size");
    private static final String ENTITY = "peer:rrc04|AS513";

    @TempDir
    Path stateDir;

    @Test
    void everyDetectorRanksTheSlammerPeriodAboveNormalTraffic() throws IOException {
        Path folder = Path.of(System.getProperty("vigil.datasets")).resolve("bgp_sfu_ripe_rrc04");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(folder), "datasets folder " + folder.toAbsolutePath() + " is not present");
        List<Integer> codeRedLabels = new ArrayList<>();
        double[][] codeRed = rows(folder.resolve("Code_Red_I.csv"), codeRedLabels);
        List<Integer> labels = new ArrayList<>();
        double[][] slammer = rows(folder.resolve("Slammer.csv"), labels);

        List<String> detectors = List.of(Algorithms.ISOLATION_FOREST, Algorithms.FORECASTER, Algorithms.RULES);
        Map<String, double[]> scores = new HashMap<>();
        try (TopologyHarness app = TopologyHarness.forApp(DetectorsApp.NAME).setting("vigil.detectors.adaptive.enabled", "false")
                .stateDir(stateDir).start(ctx -> new DetectorsApp().topology(ctx))) {
            var versions = app.input(Topics.MODEL_VERSIONS, ModelVersion.class);
            var artifacts = app.input(Topics.MODEL_ARTIFACTS, ModelArtifact.class);
            TrainingSet training = sequence(codeRed, codeRedLabels);
            for (String algorithm : detectors) {
                byte[] bytes = ModelCodec.encode(Trainers.train(algorithm, training, Map.of("seed", "1")));
                ModelVersion version = announcement(algorithm, bytes);
                for (ModelArtifact chunk : ArtifactChunks.split(version.getName(), 1, bytes, ArtifactChunks.DEFAULT_CHUNK_BYTES)) {
                    artifacts.pipeInput(ModelKeys.artifactChunk(version.getName(), 1, chunk.getChunkIndex()), chunk);
                }
                versions.pipeInput(ModelKeys.version(version.getName(), 1), version);
            }
            var features = app.input(Topics.FEATURES_BGP, FeatureVector.class);
            for (int i = 0; i < slammer.length; i++) {
                features.pipeInput(ENTITY, vector(i, slammer[i]));
            }
            var out = app.output(Topics.SCORES, DetectorScore.class);
            detectors.forEach(d -> scores.put(d, new double[slammer.length]));
            List<DetectorScore> all = out.readValuesToList();
            assertEquals(slammer.length * detectors.size(), all.size());
            for (DetectorScore s : all) {
                int minute = (int) ((s.getWindowStart().toEpochMilli() - START.toEpochMilli()) / 60_000);
                scores.get(s.getDetector())[minute] = s.getRawScore();
            }
        }
        Map<String, Double> auc = new HashMap<>();
        for (String detector : detectors) {
            auc.put(detector, rocAuc(scores.get(detector), labels));
            System.out.printf("Slammer ROC AUC %s: %.3f%n", detector, auc.get(detector));
        }
        // Modest bound on purpose: another year and event than the training data; chance is 0.5.
        auc.forEach((detector, value) -> assertTrue(value > 0.65, detector + " ROC AUC " + value));
    }

    private static final Instant START = Instant.parse("2003-01-23T00:00:00Z");

    private static FeatureVector vector(int minute, double[] values) {
        Instant start = START.plusSeconds(60L * minute);
        return FeatureVector.newBuilder().setEntity(ENTITY).setDomain("bgp-peer").setWindowStart(start)
                .setWindowEnd(start.plusSeconds(60)).setFeatureNames(FEATURES)
                .setValues(Arrays.stream(values).boxed().toList()).setEventCount((long) values[0]).setSource("replay").build();
    }

    /** The Code Red days as one entity's sequence; unsupervised detectors learn from its regular minutes. */
    private static TrainingSet sequence(double[][] rows, List<Integer> labels) {
        String[] entities = new String[rows.length];
        long[] times = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            entities[i] = ENTITY;
            times[i] = 60_000L * i;
        }
        int[] classes = labels.stream().mapToInt(l -> l == 1 ? TrainingSet.ANOMALY : TrainingSet.NORMAL).toArray();
        return new TrainingSet(rows, FEATURES, classes, entities, times);
    }

    private static ModelVersion announcement(String algorithm, byte[] bytes) {
        ModelVersion template = TestModels.version(algorithm, 1, ModelStage.PRODUCTION, bytes);
        return ModelVersion.newBuilder(template).setFeatureNames(FEATURES).build();
    }

    /** Columns 5-41 of the SFU files are the 37 features; column 42 is the label (1 anomaly, -1 regular). */
    private static double[][] rows(Path file, List<Integer> labels) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(line -> {
            String[] cells = line.split(",");
            if (labels != null) {
                labels.add(Integer.parseInt(cells[41].trim()) == 1 ? 1 : 0);
            }
            double[] row = new double[FEATURES.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = Double.parseDouble(cells[4 + j].trim());
            }
            return row;
        }).toArray(double[][]::new);
    }

    /** Probability that a random anomalous minute outscores a random regular one (ties count half). */
    private static double rocAuc(double[] scores, List<Integer> labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (labels.get(order[k]) == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}
