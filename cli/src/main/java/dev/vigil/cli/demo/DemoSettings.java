package dev.vigil.cli.demo;

import dev.vigil.devstack.DevStack;
import dev.vigil.schemas.Entities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the apps in the demo: the embedded stack, one partition per topic, and a time scale where a
 * simulated day passes in about a minute, so the loop from drift to a new model closes within the run.
 */
final class DemoSettings {
    static final Duration BGP_WINDOW = Duration.ofMinutes(1);
    static final Duration TELEMETRY_WINDOW = Duration.ofMinutes(5);

    private DemoSettings() {
    }

    static Duration windowOf(String domain) {
        return domain.startsWith("bgp") ? BGP_WINDOW : TELEMETRY_WINDOW;
    }

    static Map<String, String> forStack(DevStack stack, Path stateDir) {
        Map<String, String> s = stack.appSettings(stateDir);
        s.put("kafka.commit.interval.ms", "1000");
        s.put("vigil.topics.partitions", "1");
        s.put("vigil.aggregator.bgp.window", "1m");
        s.put("vigil.aggregator.telemetry.window", "5m");
        // Retrainer: wall-clock settings shrunk to the demo's pace; training data reaches back over the whole span.
        s.put("vigil.retrainer.min.samples", "1000");
        s.put("vigil.retrainer.cooldown", "20s");
        // The demo's time runs ahead of the wall clock: windows end at the newest feature, and after the drift a
        // retrain learns mostly the new regime.
        s.put("vigil.retrainer.training.clock", "data");
        s.put("vigil.retrainer.training.window", "12h");
        // A first model waits for half a simulated day of its domain: the six peers' first thousand vectors span under
        // three night hours, and BGP models trained on them flagged the day's normal rise until the drift replaced them.
        s.put("vigil.retrainer.min.span", "12h");
        // Not min.samples.since.change: the services' models trained on the two or three hours after the drift that it
        // would allow (240 vectors) knew those hours of the day only, and the rules and forecaster so trained flagged
        // more than 80 % of the later windows (tried on tuning seed 1).
        s.put("vigil.retrainer.target.fpr", "0.005");
        s.put("vigil.retrainer.shadow.duration", "15s");
        s.put("vigil.retrainer.check.interval", "5s");
        s.put("vigil.retrainer.detectors", "isolation-forest,forecaster,rules,classifier");
        // Drift monitor (data time): hourly checks, small windows of the demo's few entities still judged.
        s.put("vigil.drift.window", "1h");
        s.put("vigil.drift.cooldown", "6h");
        s.put("vigil.drift.min.window.count", "50");
        s.put("vigil.drift.min.baseline.count", "50");
        s.put("vigil.drift.alert.min.scored", "50");
        // Ensemble: single-peer leaks and outages count; two or more peers (services) anomalous within the correlation
        // span are one correlated incident naming them all. At 4 (half the demo's peers and services) a change that
        // reaches the domain over a few windows (the drift) first opened one incident per entity for the two or three
        // entities that showed it first, then a correlated one for the rest: four false incidents for one event in
        // tuning seed 1, three in seed 2.
        s.put("vigil.ensemble.bgp.min.peers", "1");
        s.put("vigil.ensemble.correlation.min.entities.bgp-peer", "2");
        s.put("vigil.ensemble.correlation.min.entities.telemetry-service", "2");
        s.put("vigil.ensemble.wait", "20s");
        // Fusion: the mean of the detectors' calibrated scores must reach 0.6. Two detectors per domain usually pass the
        // retrainer's checks, so a weighted vote at 0.5 let either one alert alone: nearly every false alert was one
        // detector just past its own threshold (combined 0.50-0.54), mostly a model not yet retrained after the drift.
        // A mean of 0.6 needs one detector far past its threshold or both past theirs.
        s.put("vigil.ensemble.rule", "weighted-mean");
        s.put("vigil.ensemble.threshold", "0.6");
        // Early on, one domain's first models arrive one by one; a detector alone (often the rules, trained on the
        // first hours) made most of the false alerts before the drift.
        s.put("vigil.ensemble.min.detectors", "2");
        // And two of them must flag the window: once weights are learned from labels, the weighted mean follows the detector
        // with the best record, and in tuning seeds 1-3 four false alerts against one true one had that detector
        // alone flagging (mostly the forecaster, weighing 1.2-1.6 against 0-0.4 for the rest after the drift).
        s.put("vigil.ensemble.min.agreeing", "2");
        // Incidents: quiet just over two telemetry windows (5 min), so the next anomalous window of an ongoing anomaly
        // joins its incident instead of finding it closed (the domain clock moves a whole window at a time) and
        // opening another one after the cooldown.
        s.put("vigil.ensemble.incident.quiet", "11m");
        // Each service's adaptive detector keeps its shipped settle period (150 windows). An hour (12), tried on tuning
        // seed 1, alerted 13 of 16 injections but 14 of 26 incidents were false, nearly all the adaptive detector meeting
        // the new regime's highs after the drift; with the default 8 of 16 and 4 of 12 false. A far stronger window
        // inside an episode still alarms (AdaptiveDetector's escalation).
        return s;
    }

    /** How far the feed may run ahead of the newest window scored in each evaluated domain. */
    static final java.time.Duration MAX_LEAD = java.time.Duration.ofMinutes(30);
    /** Longest the feed waits for the apps in one simulated minute before it goes on regardless. */
    static final java.time.Duration MAX_STALL = java.time.Duration.ofSeconds(2);
    /**
     * How long after an injected anomaly ends its labels are written, as an analyst would after reviewing the incident:
     * the retrainer, the ensemble's learned weights and the drift monitor never see a label before the windows it names
     * have been scored.
     */
    static final java.time.Duration LABEL_DELAY = java.time.Duration.ofHours(1);

    /** Domains the demo evaluates (per-origin BGP features are produced too, but not labelled). */
    static final List<String> EVALUATED = List.of(Entities.BGP_PEER, Entities.TELEMETRY_SERVICE);

    static boolean evaluated(String domain) {
        return EVALUATED.contains(domain);
    }
}
