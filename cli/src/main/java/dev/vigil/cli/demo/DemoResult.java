package dev.vigil.cli.demo;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.kit.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Everything the demo observed, and the figures computed from it against the injected ground truth. */
public record DemoResult(DemoScenario scenario, Duration wallTime, Map<String, Object> summary, List<FeatureVector> features,
                         List<DetectorScore> scores, List<Alert> alerts, List<DriftReport> driftReports,
                         List<ModelVersion> versions, Evaluation evaluation, List<Reconciliation.Stage> reconciliation) {

    /**
     * Whether the apps processed everything before the demo's drain timeout, and if not, what the aggregator (of the raw
     * topics) and the detectors (of the feature topics) had not yet committed; and the seconds from the end of the feed
     * until everything was committed (NaN when it was not).
     */
    public record Backlog(boolean drained, long rawEvents, long featureVectors, double catchUpSeconds) {
    }

    static DemoResult from(DemoScenario scenario, TopicRecorder recorder, FeedProducer feed, Topics topics, Backlog backlog,
                           Duration wall) {
        List<FeatureVector> features = new ArrayList<>(recorder.<FeatureVector>records(topics.name(Topics.FEATURES_BGP)));
        features.addAll(recorder.<FeatureVector>records(topics.name(Topics.FEATURES_TELEMETRY)));
        List<DetectorScore> scores = recorder.records(topics.name(Topics.SCORES));
        List<Alert> alerts = latestPerId(recorder.records(topics.name(Topics.ALERTS)));
        List<DriftReport> drift = recorder.records(topics.name(Topics.DRIFT_REPORTS));
        List<ModelVersion> versions = recorder.records(topics.name(Topics.MODEL_VERSIONS));
        Evaluation evaluation = Evaluation.of(scenario, features, scores, alerts,
                LabelLeaks.windows(scores, versions, feed.labelledAt()));

        long deadLetters = deadLetters(recorder, topics, Topics.BGP_UPDATES, Topics.TELEMETRY_EVENTS, Topics.FEATURES_BGP,
                Topics.FEATURES_TELEMETRY, Topics.SCORES);
        long late = recorder.count(topics.name(Topics.LATE_RECORDS));
        long produced = feed.bgpSent() + feed.telemetrySent() - feed.closingEvents();
        List<Reconciliation.Stage> stages = List.of(
                Reconciliation.events(feed.ledger(), features, late,
                        deadLetters(recorder, topics, Topics.BGP_UPDATES, Topics.TELEMETRY_EVENTS), backlog.rawEvents()),
                Reconciliation.scoring(features, scores,
                        deadLetters(recorder, topics, Topics.FEATURES_BGP, Topics.FEATURES_TELEMETRY), backlog.featureVectors()));

        Map<String, Object> s = new LinkedHashMap<>();
        s.put("events_produced", produced);
        s.put("bgp_updates", feed.bgpSent() - feed.closingBgp());
        s.put("telemetry_events", feed.telemetrySent() - feed.closingTelemetry());
        s.put("labels_written", feed.labelsSent());
        s.put("labels_written_normal", feed.normalLabelsSent());
        s.put("feature_vectors", features.size());
        s.put("scores", scores.size());
        s.put("unscored_vectors", scores.stream().filter(x -> x.getStatus() == ScoreStatus.UNSCORED).count());
        s.put("shadow_scores", scores.stream().filter(DetectorScore::getShadow).count());
        s.put("alerts", alerts.size());
        Map<String, Long> byDomain = new TreeMap<>();
        alerts.forEach(a -> byDomain.merge(a.getDomain(), 1L, Long::sum));
        s.put("alerts_by_domain", byDomain);
        s.put("alerts_in_labelled_domains", alerts.stream().filter(a -> DemoSettings.evaluated(a.getDomain())).count());
        s.put("true_positives", evaluation.truePositiveAlerts());
        s.put("false_positives", evaluation.falsePositiveAlerts());
        s.put("false_positives_by_domain", evaluation.falsePositivesByDomain());
        s.put("injections", scenario.injections().size());
        s.put("injections_detected", evaluation.injectionsDetected());
        s.put("median_detection_delay_windows", evaluation.medianDetectionDelay());
        s.put("alerts_before_first_injection", evaluation.alertsBeforeFirstInjection());
        s.put("false_alerts_per_domain_day", perDay(evaluation.falsePositivesByDomain(), scenario.span()));
        // Windows scored by a model trained after their label existed, left out of the window figures below.
        s.put("windows_excluded_label_seen", evaluation.windowsExcluded());
        s.put("window_precision", round(evaluation.windows().precision()));
        s.put("window_recall", round(evaluation.windows().recall()));
        s.put("window_false_positive_rate", round(evaluation.windows().falsePositiveRate()));
        s.put("roc_auc", round(evaluation.curves().rocAuc()));
        s.put("drift_reports", drift.size());
        s.put("drift_confirmations", drift.stream().filter(DriftReport::getConfirmed).count());
        s.put("retrain_requests", recorder.count(topics.name(Topics.RETRAIN_REQUESTS)));
        s.putAll(DriftEpisodes.of(scenario.driftAt(), drift).summary());
        s.put("versions_announced", distinctVersions(versions));
        s.put("hot_swaps", hotSwaps(scores));
        s.put("dead_letters", deadLetters);
        s.put("late_records", late);
        s.put("drained", backlog.drained());
        // From the end of the feed until every app had committed all it reads (the feed outpaces the apps when sped up).
        s.put("catch_up_seconds_after_feed", Double.isNaN(backlog.catchUpSeconds()) ? "not caught up"
                : Math.round(backlog.catchUpSeconds() * 10) / 10.0);
        s.put("records_still_processing", backlog.rawEvents() + backlog.featureVectors());
        // Loss is only judged once everything was processed; before that a shortfall may still arrive.
        s.put("records_lost", backlog.drained() ? Reconciliation.missing(stages) : 0);
        s.put("records_duplicated", Reconciliation.duplicated(stages));
        s.put("reconciliation", stages);
        s.put("wall_seconds", wall.toSeconds());
        return new DemoResult(scenario, wall, s, features, scores, alerts, drift, versions, evaluation, stages);
    }

    private static long deadLetters(TopicRecorder recorder, Topics topics, String... inputs) {
        long n = 0;
        for (String input : inputs) {
            n += recorder.count(Topics.dlq(topics.name(input)));
        }
        return n;
    }

    /** False alerts per simulated day in each labelled domain (0 for a domain without any). */
    static Map<String, Double> perDay(Map<String, Integer> falseAlerts, Duration span) {
        double days = span.toMinutes() / (24 * 60.0);
        Map<String, Double> out = new TreeMap<>();
        for (String domain : DemoSettings.EVALUATED) {
            out.put(domain, round(falseAlerts.getOrDefault(domain, 0) / days));
        }
        return out;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }

    private static List<Alert> latestPerId(List<Alert> all) {
        Map<String, Alert> latest = new LinkedHashMap<>();
        all.forEach(a -> latest.put(a.getAlertId(), a));
        return List.copyOf(latest.values());
    }

    private static long distinctVersions(Collection<ModelVersion> versions) {
        Set<String> ids = new HashSet<>();
        versions.forEach(v -> ids.add(v.getName() + "/" + v.getVersion()));
        return ids.size();
    }

    /** Times a model's scores switched to another version while records kept flowing. */
    static long hotSwaps(List<DetectorScore> scores) {
        Map<String, Integer> current = new HashMap<>();
        long swaps = 0;
        for (DetectorScore s : scores) {
            if (s.getStatus() != ScoreStatus.SCORED || s.getShadow() || s.getModelName() == null) {
                continue;
            }
            Integer before = current.put(s.getModelName(), s.getModelVersion());
            if (before != null && !before.equals(s.getModelVersion())) {
                swaps++;
            }
        }
        return swaps;
    }

    /** Model versions seen in production scores, per model, with the time they first served. */
    Map<String, TreeMap<Integer, Instant>> servingTimeline() {
        Map<String, TreeMap<Integer, Instant>> out = new TreeMap<>();
        for (DetectorScore s : scores) {
            if (s.getStatus() == ScoreStatus.SCORED && !s.getShadow() && s.getModelName() != null) {
                out.computeIfAbsent(s.getModelName(), k -> new TreeMap<>()).putIfAbsent(s.getModelVersion(), s.getWindowStart());
            }
        }
        return out;
    }
}
