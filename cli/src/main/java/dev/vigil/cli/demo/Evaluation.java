package dev.vigil.cli.demo;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.cli.report.Curves;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's figures against its ground truth: alerts as incidents (true when they overlap an injected
 * anomaly of their entity), and windows (positive when an alert covers them), with ROC and PR curves from
 * the highest calibrated production score of each window.
 */
public record Evaluation(int truePositiveAlerts, int falsePositiveAlerts, Map<String, Integer> falsePositivesByDomain,
                         int injectionsDetected, List<Integer> detectionDelays, int alertsBeforeFirstInjection,
                         Confusion windows, Curves curves, int windowsExcluded) {

    /** Window-level counts. */
    public record Confusion(long tp, long fp, long tn, long fn) {
        double precision() {
            return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        }

        double falsePositiveRate() {
            return fp + tn == 0 ? Double.NaN : (double) fp / (fp + tn);
        }
    }

    static Evaluation of(DemoScenario scenario, List<FeatureVector> features, List<DetectorScore> scores, List<Alert> allAlerts) {
        return of(scenario, features, scores, allAlerts, Set.of());
    }

    /**
     * As {@link #of(DemoScenario, List, List, List)}, the window figures leaving out the windows given (those whose score
     * may have seen their label, {@link LabelLeaks}); how many were left out is {@link #windowsExcluded()}.
     */
    static Evaluation of(DemoScenario scenario, List<FeatureVector> features, List<DetectorScore> scores, List<Alert> allAlerts,
                         Set<String> excluded) {
        // Only the labelled domains count; per-origin BGP alerts have no ground truth in the demo.
        List<Alert> alerts = allAlerts.stream().filter(a -> DemoSettings.evaluated(a.getDomain())).toList();
        int tp = 0;
        int fp = 0;
        Map<String, Integer> fpByDomain = new TreeMap<>();
        for (Alert a : alerts) {
            if (isTrue(scenario, a)) {
                tp++;
            } else {
                fp++;
                fpByDomain.merge(a.getDomain(), 1, Integer::sum);
            }
        }
        List<Integer> delays = new ArrayList<>();
        for (Injection inj : scenario.injections()) {
            alertsOn(inj, alerts).stream().mapToInt(a -> delayWindows(inj, a)).min().ifPresent(delays::add);
        }
        Instant firstInjection = scenario.injections().stream().map(Injection::start).min(Instant::compareTo).orElse(Instant.MAX);
        int beforeFirst = (int) alerts.stream().filter(a -> !firstWindowEnd(a).isAfter(firstInjection)).count();

        Map<String, Double> bestScore = new HashMap<>();
        for (DetectorScore s : scores) {
            if (s.getStatus() == ScoreStatus.SCORED && !s.getShadow() && DemoSettings.evaluated(s.getDomain())) {
                bestScore.merge(s.getEntity() + "|" + s.getWindowStart().toEpochMilli(), s.getScore(), Math::max);
            }
        }
        long wtp = 0, wfp = 0, wtn = 0, wfn = 0;
        List<double[]> scored = new ArrayList<>();
        int left = 0;
        for (FeatureVector f : features) {
            if (!DemoSettings.evaluated(f.getDomain())) {
                continue;
            }
            if (excluded.contains(LabelLeaks.key(f.getEntity(), f.getWindowStart()))) {
                left++;
                continue;
            }
            boolean actual = truth(scenario, List.of(f.getEntity()), f.getWindowStart(), f.getWindowEnd());
            boolean predicted = alerts.stream().anyMatch(a -> covers(a, f.getEntity(), f.getWindowStart()));
            if (predicted && actual) wtp++;
            else if (predicted) wfp++;
            else if (actual) wfn++;
            else wtn++;
            Double score = bestScore.get(f.getEntity() + "|" + f.getWindowStart().toEpochMilli());
            if (score != null) {
                scored.add(new double[] {score, actual ? 1 : 0});
            }
        }
        return new Evaluation(tp, fp, fpByDomain, delays.size(), List.copyOf(delays), beforeFirst,
                new Confusion(wtp, wfp, wtn, wfn), Curves.of(scored), left);
    }

    /** The median of the detected injections' delays, in windows; NaN when none was detected. */
    public double medianDetectionDelay() {
        if (detectionDelays.isEmpty()) {
            return Double.NaN;
        }
        List<Integer> sorted = detectionDelays.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /**
     * Windows from the anomaly's start to the end of the window that opened the incident, counting that window: an
     * incident opened by the anomaly's first window has delay 1; one already open when the anomaly began, also 1.
     */
    static int delayWindows(Injection inj, Alert alert) {
        long window = DemoSettings.windowOf(inj.domain()).toMillis();
        long firstEnd = firstWindowEnd(alert).toEpochMilli();
        long late = firstEnd - inj.start().toEpochMilli();
        return (int) Math.max(1, (late + window - 1) / window);
    }

    /**
     * The end of the window that opened the alert. An alert counts as raised before the first injection only when that
     * window ended by the injection's start: a window that holds the anomaly's first minutes opens with the anomaly,
     * even though it starts a little before it (counted before, it made true alerts look like day-one noise).
     */
    static Instant firstWindowEnd(Alert a) {
        return a.getFirstWindowStart().plus(DemoSettings.windowOf(a.getDomain()));
    }

    /** The alerts that name one of the injection's entities and overlap its span: those that found it. */
    static List<Alert> alertsOn(Injection inj, List<Alert> alerts) {
        return alerts.stream().filter(a -> entitiesOf(a).stream().anyMatch(inj.entities()::contains)
                && a.getFirstWindowStart().isBefore(inj.end()) && a.getLastWindowEnd().isAfter(inj.start())).toList();
    }

    /** Whether the alert overlaps an injected anomaly of an entity it names. */
    static boolean isTrue(DemoScenario scenario, Alert a) {
        return truth(scenario, entitiesOf(a), a.getFirstWindowStart(), a.getLastWindowEnd());
    }

    /** The entities an alert names: those of a correlated incident, else its one entity. */
    static List<String> entitiesOf(Alert a) {
        return a.getEntities().isEmpty() ? List.of(a.getEntity()) : a.getEntities();
    }

    static boolean truth(DemoScenario scenario, List<String> entities, Instant from, Instant to) {
        return scenario.injections().stream().anyMatch(i -> entities.stream().anyMatch(e -> i.covers(e, from, to)));
    }

    private static boolean covers(Alert a, String entity, Instant windowStart) {
        boolean mine = a.getEntity().equals(entity) || a.getEntities().contains(entity);
        return mine && !windowStart.isBefore(a.getFirstWindowStart()) && windowStart.isBefore(a.getLastWindowEnd());
    }
}
