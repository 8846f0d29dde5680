package dev.vigil.drift.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DriftReference;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.avro.Severity;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.drift.PolicySettings;
import dev.vigil.drift.state.ModelState;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.sketches.Sketch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class DriftCheckerTest {
    private static final String MODEL = "telemetry-service.isolation-forest";
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int FEATURES = 10;

    private final Random random = new Random(42);
    private final DriftChecker checker = new DriftChecker(PolicySettings.defaults(), Duration.ofHours(12));
    private final List<Sketch> baselines = baselines();

    private List<Sketch> baselines() {
        List<Sketch> out = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            out.add(normal(5000, 0));
        }
        return out;
    }

    private Sketch normal(int n, double shift) {
        Sketch s = new Sketch();
        for (int i = 0; i < n; i++) {
            s.add(random.nextGaussian() + shift);
        }
        return s;
    }

    /** A window of 500 vectors whose first {@code shifted} features moved by {@code shift} standard deviations. */
    private CheckInput window(int hour, int shifted, double shift, WindowCounts horizon, int version) {
        List<SketchPair> features = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            features.add(new SketchPair("f" + f, normal(500, f < shifted ? shift : 0), baselines.get(f), false));
        }
        Instant start = T0.plus(HOUR.multipliedBy(hour));
        return new CheckInput(MODEL, "telemetry-service", start, start.plus(HOUR), Optional.of(version), features,
                Optional.empty(), new WindowCounts(500, 5, 0, 0, 0, 0), horizon, Optional.of(0.01),
                Map.of("precision", 0.8, "recall", 0.7, "fpr", 0.01));
    }

    private CheckInput window(int hour, int shifted, double shift) {
        return window(hour, shifted, shift, WindowCounts.EMPTY, 1);
    }

    private static ModelState fresh() {
        return ModelState.initial(MODEL, "telemetry-service");
    }

    @Test
    void stationaryWindowsRaiseNoDrift() {
        ModelState state = fresh();
        for (int hour = 0; hour < 48; hour++) {
            CheckOutcome outcome = checker.check(window(hour, 0, 0), state, T0);
            assertFalse(outcome.report().getConfirmed(), () -> String.join("\n", outcome.report().getReasons()));
            assertTrue(outcome.request().isEmpty());
            assertTrue(outcome.report().getSeverity().ordinal() < Severity.MEDIUM.ordinal());
            assertEquals(DriftReference.TRAINING_BASELINE, outcome.report().getReference());
            state = outcome.state();
        }
    }

    @Test
    void persistentShiftIsConfirmedInTheSecondWindowAndRequestedOnce() {
        CheckOutcome first = checker.check(window(0, 4, 1.0), fresh(), T0);
        assertTrue(first.report().getSeverity().ordinal() >= Severity.MEDIUM.ordinal());
        assertEquals(1, first.report().getConsecutiveWindows());
        assertFalse(first.report().getConfirmed());
        assertTrue(first.request().isEmpty());

        CheckOutcome second = checker.check(window(1, 4, 1.0), first.state(), T0);
        assertTrue(second.report().getConfirmed());
        assertTrue(second.report().getRetrainRequested());
        var request = second.request().orElseThrow();
        assertEquals("drift-monitor:" + MODEL + ":v1:" + T0, request.getRequestId(), "episode starts with its first window");
        assertEquals(T0, request.getChangedSince(), "the drift began with the first of the confirming windows");
        assertEquals("drift-monitor", request.getRequester());
        assertTrue(request.getDriftFigures().get("ks.f0") > 0.2, request.getDriftFigures().toString());

        CheckOutcome third = checker.check(window(2, 4, 1.0), second.state(), T0);
        assertTrue(third.report().getConfirmed());
        assertTrue(third.request().isEmpty(), "one request per episode");
        assertFalse(third.report().getRetrainRequested());
    }

    @Test
    void aDetectorThatLearnsOnlineIsReportedButNeverSentToTheRetrainer() {
        String adaptive = "telemetry-service.adaptive";
        CheckOutcome outcome = null;
        ModelState state = ModelState.initial(adaptive, "telemetry-service");
        for (int hour = 0; hour < 3; hour++) {
            CheckInput in = window(hour, 4, 1.0);
            in = new CheckInput(adaptive, in.domain(), in.windowStart(), in.windowEnd(), in.productionVersion(), in.features(),
                    in.score(), in.window(), in.horizon(), in.expectedAlertRate(), in.validation());
            outcome = checker.check(in, state, T0);
            assertTrue(outcome.request().isEmpty(), "no request for " + adaptive);
            state = outcome.state();
        }
        assertTrue(outcome.report().getConfirmed(), "its drift is still confirmed and reported");
        assertFalse(outcome.report().getRetrainRequested());
        assertTrue(outcome.report().getReasons().stream().anyMatch(r -> r.contains("learns online")),
                String.join("\n", outcome.report().getReasons()));
    }

    @Test
    void sameCheckReplayedGivesTheSameRequestId() {
        CheckOutcome first = checker.check(window(0, 4, 1.0), fresh(), T0);
        CheckInput second = window(1, 4, 1.0);
        String once = checker.check(second, first.state(), T0).request().orElseThrow().getRequestId();
        String again = checker.check(second, first.state(), T0.plusSeconds(30)).request().orElseThrow().getRequestId();
        assertEquals(once, again);
    }

    /** What a run of hourly checks gave. */
    private record Checks(List<DriftReport> reports, List<RetrainRequest> requests, ModelState state) {
        List<String> ids() {
            return requests.stream().map(RetrainRequest::getRequestId).toList();
        }

        List<Instant> changedSince() {
            return requests.stream().map(RetrainRequest::getChangedSince).toList();
        }
    }

    /** Checks hours 0 to {@code hours - 1} in turn, four features shifted by one SD in the hours {@code drifting} names. */
    private Checks checkHours(DriftChecker with, int hours, IntPredicate drifting) {
        ModelState state = fresh();
        List<DriftReport> reports = new ArrayList<>();
        List<RetrainRequest> requests = new ArrayList<>();
        for (int hour = 0; hour < hours; hour++) {
            CheckOutcome o = with.check(window(hour, drifting.test(hour) ? 4 : 0, 1.0), state, T0);
            reports.add(o.report());
            o.request().ifPresent(requests::add);
            state = o.state();
        }
        return new Checks(reports, requests, state);
    }

    @Test
    void newEpisodeWithinCooldownWaitsThenRequestsWithANewId() {
        // Drift hours 0-1 (request), clean hour 2 (episode ends), drift again from hour 3 until hour 14.
        Checks run = checkHours(checker, 15, hour -> hour != 2);
        List<DriftReport> reports = run.reports();
        assertEquals(2, run.ids().size(), run.ids().toString());
        // First request at the end of hour 1 (02:00); the cooldown of 12 h ends at 14:00, the end of hour 13.
        assertTrue(reports.get(4).getConfirmed() && !reports.get(4).getRetrainRequested());
        assertTrue(reports.get(4).getReasons().stream().anyMatch(r -> r.startsWith("retrain not requested: cooldown")));
        assertTrue(reports.get(13).getRetrainRequested());
        assertEquals("drift-monitor:" + MODEL + ":v1:" + T0.plus(HOUR.multipliedBy(3)), run.ids().get(1));
        assertEquals(List.of(T0, T0.plus(HOUR.multipliedBy(3))), run.changedSince(),
                "a request held back by the cooldown still dates the drift from its episode's first window");
    }

    @Test
    void anEpisodeTheDriftedVersionOutlivesRequestsOnceMoreAfterTheCooldownAndNoMore() {
        // Drift from hour 0 for 30 hours, version 1 serving throughout (the first retrain was refused).
        Checks run = checkHours(checker, 30, hour -> true);
        List<DriftReport> reports = run.reports();
        // First request at the end of hour 1 (02:00), the second when the 12 h cooldown ends (end of hour 13), no third.
        assertEquals(List.of("drift-monitor:" + MODEL + ":v1:" + T0, "drift-monitor:" + MODEL + ":v1:" + T0 + "#2"), run.ids());
        assertEquals(List.of(T0, T0), run.changedSince(), "both date the drift from the episode's first window");
        assertTrue(reports.get(13).getRetrainRequested());
        assertTrue(reports.get(5).getReasons().stream().anyMatch(r -> r.startsWith("retrain already requested for this episode; another")),
                String.join("\n", reports.get(5).getReasons()));
        assertTrue(reports.get(29).getReasons().contains("retrain already requested for this episode"));
        assertEquals(2, run.state().requestsThisEpisode());

        DriftChecker once = new DriftChecker(PolicySettings.defaults(), Duration.ofHours(12), 1);
        assertEquals(1, checkHours(once, 30, hour -> true).requests().size(), "max.requests.per.episode=1: one request per episode");
    }

    @Test
    void aStateWrittenBeforeRequestsWereCountedStillKnowsItsEpisodeRequested() {
        ModelState old = new ModelState(MODEL, "telemetry-service", null, 3, 1, 0L, true, 7_200_000L, null, null, 0);
        assertEquals(1, old.requestsThisEpisode());
    }

    @Test
    void confirmationAfterThreeWindowsDatesTheDriftFromTheFirst() {
        VigilConfig config = VigilConfig.of(DriftMonitorApp.NAME, Map.of("vigil.drift.consecutive.windows", "3"));
        DriftChecker slower = new DriftChecker(PolicySettings.from(config), Duration.ofHours(12));
        ModelState state = fresh();
        List<RetrainRequest> sent = new ArrayList<>();
        // Clean hours 0-4, drift from hour 5: confirmed at hour 7.
        for (int hour = 0; hour < 9; hour++) {
            CheckOutcome o = slower.check(window(hour, hour < 5 ? 0 : 4, 1.0), state, T0);
            o.request().ifPresent(sent::add);
            state = o.state();
        }
        assertEquals(1, sent.size());
        assertEquals(T0.plus(HOUR.multipliedBy(5)), sent.getFirst().getChangedSince());
        assertEquals("drift-monitor:" + MODEL + ":v1:" + T0.plus(HOUR.multipliedBy(5)), sent.getFirst().getRequestId());
    }

    /**
     * Ten features of which four are the aggregator's seasonality encodings: their training baseline covers
     * whole weeks, each window one hour of one day, so they differ completely while the data is stationary.
     */
    private CheckInput seasonalWindow(int hour) {
        List<SketchPair> features = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            features.add(new SketchPair("f" + f, normal(500, 0), baselines.get(f), false));
        }
        for (String name : List.of("hour_sin", "hour_cos", "dow_sin", "dow_cos")) {
            Sketch baseline = new Sketch();
            for (int i = 0; i < 5000; i++) {
                baseline.add(seasonal(name, random.nextDouble() * 24 * 7));
            }
            Sketch window = new Sketch();
            for (int i = 0; i < 500; i++) {
                window.add(seasonal(name, hour + random.nextDouble()));
            }
            features.add(new SketchPair(name, window, baseline, false));
        }
        Instant start = T0.plus(HOUR.multipliedBy(hour));
        return new CheckInput(MODEL, "telemetry-service", start, start.plus(HOUR), Optional.of(1), features,
                Optional.empty(), new WindowCounts(500, 5, 0, 0, 0, 0), WindowCounts.EMPTY, Optional.of(0.01), Map.of());
    }

    private static double seasonal(String name, double hourOfWeek) {
        double angle = name.startsWith("hour") ? 2 * Math.PI * (hourOfWeek % 24) / 24 : 2 * Math.PI * hourOfWeek / (24 * 7);
        return name.endsWith("sin") ? Math.sin(angle) : Math.cos(angle);
    }

    @Test
    void seasonalityEncodingsAreReportedButNeverCountAsDrift() {
        ModelState state = fresh();
        for (int hour = 0; hour < 6; hour++) {
            CheckOutcome o = checker.check(seasonalWindow(hour), state, T0);
            DriftReport report = o.report();
            assertTrue(report.getSeverity().ordinal() < Severity.MEDIUM.ordinal(), () -> String.join("\n", report.getReasons()));
            assertFalse(report.getConfirmed());
            assertTrue(o.request().isEmpty());
            assertEquals(10, report.getFeatures().size(), "excluded features are still reported");
            var hourSin = report.getFeatures().stream().filter(f -> f.getName().equals("hour_sin")).findFirst().orElseThrow();
            assertTrue(hourSin.getKs() > 0.3, "a HIGH distance if it were judged: hour_sin ks " + hourSin.getKs());
            assertEquals(Severity.NONE, hourSin.getSeverity());
            assertTrue(report.getReasons().stream().anyMatch(r -> r.contains("vigil.drift.ignore.features")));
            state = o.state();
        }
    }

    @Test
    void seasonalityEncodingsCountWhenNoFeatureIsIgnored() {
        VigilConfig config = VigilConfig.of(DriftMonitorApp.NAME, Map.of("vigil.drift.ignore.features", "none"));
        DriftChecker judgingAll = new DriftChecker(PolicySettings.from(config), Duration.ofHours(12));
        CheckOutcome first = judgingAll.check(seasonalWindow(0), fresh(), T0);
        CheckOutcome second = judgingAll.check(seasonalWindow(1), first.state(), T0);
        assertTrue(second.report().getConfirmed(), () -> String.join("\n", second.report().getReasons()));
        assertTrue(second.request().isPresent());
    }

    /** A BGP-peer window: five raw features and their relative forms, the raw ones moved by {@code rawShift} SDs and the relative ones by {@code relativeShift}. */
    private CheckInput peerWindow(int hour, double rawShift, double relativeShift) {
        List<SketchPair> features = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            features.add(new SketchPair("f" + f, normal(500, rawShift), baselines.get(f), false));
            features.add(new SketchPair("f" + f + ".ratio", normal(500, relativeShift), baselines.get(f), false));
            features.add(new SketchPair("f" + f + ".z", normal(500, relativeShift), baselines.get(f), false));
        }
        Instant start = T0.plus(HOUR.multipliedBy(hour));
        return new CheckInput(MODEL, "bgp-peer", start, start.plus(HOUR), Optional.of(1), features, Optional.empty(),
                new WindowCounts(500, 5, 0, 0, 0, 0), WindowCounts.EMPTY, Optional.of(0.01), Map.of());
    }

    @Test
    void relativeFeaturesAreReportedButOnlyTheRawOnesCountAsDrift() {
        ModelState state = ModelState.initial(MODEL, "bgp-peer");
        for (int hour = 0; hour < 3; hour++) {
            CheckOutcome o = checker.check(peerWindow(hour, 0, 2.0), state, T0);
            assertFalse(o.report().getConfirmed(), () -> String.join("\n", o.report().getReasons()));
            var ratio = o.report().getFeatures().stream().filter(f -> f.getName().equals("f0.ratio")).findFirst().orElseThrow();
            assertTrue(ratio.getKs() > 0.5, "reported with its distance: " + ratio.getKs());
            assertEquals(Severity.NONE, ratio.getSeverity());
            state = o.state();
        }
        CheckOutcome first = checker.check(peerWindow(3, 1.0, 0), state, T0);
        CheckOutcome second = checker.check(peerWindow(4, 1.0, 0), first.state(), T0);
        assertTrue(second.report().getConfirmed(), () -> String.join("\n", second.report().getReasons()));
    }

    @Test
    void newProductionVersionStartsTheRunOver() {
        CheckOutcome first = checker.check(window(0, 4, 1.0), fresh(), T0);
        CheckOutcome second = checker.check(window(1, 4, 1.0, WindowCounts.EMPTY, 2), first.state(), T0);
        assertEquals(1, second.report().getConsecutiveWindows());
        assertFalse(second.report().getConfirmed());
        assertEquals(2, second.state().trackedVersion());
    }

    @Test
    void performanceDriftFromLabelsCountsWithoutFeatureDrift() {
        // Recall collapsed: 100 labelled anomalies, 30 caught; precision still fine.
        WindowCounts labels = new WindowCounts(0, 0, 30, 5, 400, 70);
        CheckOutcome first = checker.check(window(0, 0, 0, labels, 1), fresh(), T0);
        CheckOutcome second = checker.check(window(1, 0, 0, labels, 1), first.state(), T0);
        assertTrue(second.report().getConfirmed(), () -> String.join("\n", second.report().getReasons()));
        assertEquals(0.3, second.report().getRecall(), 1e-9);
        assertTrue(second.request().isPresent());
        assertTrue(second.report().getFeatures().stream().allMatch(f -> f.getSeverity().ordinal() < Severity.MEDIUM.ordinal()));
    }

    @Test
    void windowWithoutLabelsReportsNoPerformanceFigures() {
        DriftReport report = checker.check(window(0, 0, 0), fresh(), T0).report();
        assertNull(report.getPrecision());
        assertNull(report.getRecall());
        assertEquals(0.01, report.getAlertRate(), 1e-12);
        assertEquals(0.01, report.getExpectedAlertRate(), 1e-12);
        assertEquals(FEATURES, report.getFeatures().size());
    }

    @Test
    void alertRateFarAboveTheCalibratedRateIsDrift() {
        CheckInput base = window(0, 0, 0);
        CheckInput noisy = new CheckInput(base.model(), base.domain(), base.windowStart(), base.windowEnd(),
                base.productionVersion(), base.features(), base.score(), new WindowCounts(2000, 120, 0, 0, 0, 0),
                base.horizon(), base.expectedAlertRate(), base.validation());
        DriftReport report = checker.check(noisy, fresh(), T0).report();
        assertEquals(Severity.CRITICAL, report.getSeverity(), String.join("\n", report.getReasons()));
        assertNotEquals(report.getAlertRate(), report.getExpectedAlertRate());
    }

    @Test
    void aVersionAfterARequestedDriftMovesTheReferencesToTheDriftAndTheScoreToItsOwnWindows() {
        long hour = 3_600_000L;
        ModelState requested = new ModelState("m", "d", 20 * hour, 3, 1, 10 * hour, true, 12 * hour);
        ModelState next = DriftChecker.track(requested, 2, 20 * hour, hour);
        assertEquals(10 * hour, next.referenceFrom(), "features: from the drift's first window");
        assertEquals(21 * hour, next.scoreFrom(), "score: from the first window wholly of the new version");
        assertEquals(0, next.consecutive());
        assertEquals(12 * hour, next.lastRequestAt());
        // A version change without a requested drift keeps the features' reference as it was.
        ModelState quiet = new ModelState("m", "d", 20 * hour, 0, 1, null, false, null);
        assertEquals(null, DriftChecker.track(quiet, 2, 20 * hour, hour).referenceFrom());
        // The same version: nothing changes.
        assertEquals(requested, DriftChecker.track(requested, 1, 20 * hour, hour));
    }
}
