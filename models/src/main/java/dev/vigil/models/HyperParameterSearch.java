package dev.vigil.models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Bounded random search over a small grid per detector type, scored by PR-AUC on a labelled validation
 * set. The defaults are always tried first; further candidates are tried in random order while the
 * budget allows another trial as long as the slowest so far. Without labels of both classes in the
 * validation set nothing can be compared, so only the defaults are trained.
 */
public final class HyperParameterSearch {

    /** One trained candidate. */
    public record Trial(Map<String, String> params, ValidationMetrics metrics, Duration trainingTime) {
    }

    /** The best model and every trial, in the order they ran. */
    public record Result(AnomalyModel best, Map<String, String> bestParams, List<Trial> trials) {
    }

    private static final Map<String, Map<String, List<String>>> GRIDS = Map.of(
            Algorithms.ISOLATION_FOREST, Map.of(
                    IsolationForestTrainer.TREES, List.of("50", "100", "200"),
                    IsolationForestTrainer.SAMPLE_SIZE, List.of("128", "256", "512", "1024")),
            Algorithms.FORECASTER, Map.of(
                    ForecasterTrainer.LAGS, List.of("1", "2", "3", "5"),
                    ForecasterTrainer.RIDGE, List.of("0.001", "0.01", "0.1", "1"),
                    ForecasterTrainer.TRANSFORM, List.of("signed-log", "none")),
            Algorithms.RULES, Map.of(
                    RulesTrainer.TAIL_QUANTILE, List.of("0.9", "0.95", "0.99", "0.999")),
            Algorithms.CLASSIFIER, Map.of(
                    ClassifierTrainer.TREES, List.of("50", "100", "200"),
                    ClassifierTrainer.MAX_DEPTH, List.of("8", "20", "40"),
                    ClassifierTrainer.NODE_SIZE, List.of("1", "5", "20")));

    private HyperParameterSearch() {
    }

    public static Result search(String algorithm, TrainingSet train, TrainingSet validation,
                                Map<String, String> baseParams, Duration budget, long seed) {
        long deadline = System.nanoTime() + budget.toNanos();
        boolean comparable = validation.count(TrainingSet.ANOMALY) > 0 && validation.count(TrainingSet.NORMAL) > 0;
        List<Map<String, String>> candidates = new ArrayList<>();
        candidates.add(baseParams);
        if (comparable) {
            List<Map<String, String>> grid = expand(GRIDS.getOrDefault(algorithm, Map.of()), baseParams);
            Collections.shuffle(grid, new Random(seed));
            candidates.addAll(grid);
        }
        List<Trial> trials = new ArrayList<>();
        AnomalyModel best = null;
        Map<String, String> bestParams = baseParams;
        double bestObjective = Double.NEGATIVE_INFINITY;
        long slowest = 0;
        for (Map<String, String> params : candidates) {
            if (best != null && System.nanoTime() + slowest > deadline) {
                break;
            }
            long start = System.nanoTime();
            AnomalyModel model;
            try {
                model = Trainers.train(algorithm, train, params);
            } catch (IllegalArgumentException e) {
                if (best == null && params == baseParams) {
                    throw e; // the defaults themselves cannot be trained: the caller must know
                }
                continue; // e.g. more lags than the sequences allow: skip this candidate
            }
            long took = System.nanoTime() - start;
            slowest = Math.max(slowest, took);
            ValidationMetrics metrics = Validation.evaluate(model, validation);
            trials.add(new Trial(model.parameters(), metrics, Duration.ofNanos(took)));
            double objective = Double.isNaN(metrics.prAuc()) ? Double.NEGATIVE_INFINITY : metrics.prAuc();
            if (best == null || objective > bestObjective) {
                best = model;
                bestParams = model.parameters();
                bestObjective = objective;
            }
        }
        return new Result(best, bestParams, List.copyOf(trials));
    }

    /** Every combination of the grid, each on top of the base parameters, skipping the base itself. */
    private static List<Map<String, String>> expand(Map<String, List<String>> grid, Map<String, String> base) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new HashMap<>(base));
        for (var entry : new TreeMap<>(grid).entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combo : combos) {
                for (String value : entry.getValue()) {
                    Map<String, String> extended = new HashMap<>(combo);
                    extended.put(entry.getKey(), value);
                    next.add(extended);
                }
            }
            combos = next;
        }
        combos.removeIf(base::equals);
        return combos;
    }
}
