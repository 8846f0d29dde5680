package dev.vigil.ensemble;

import dev.vigil.avro.Severity;
import dev.vigil.ensemble.ab.VariantSplit;
import dev.vigil.models.fusion.CombinationRule;
import dev.vigil.models.fusion.Confirmation;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.ensemble.incident.DomainEngine;
import dev.vigil.ensemble.incident.IgnoreList;
import dev.vigil.ensemble.incident.IncidentTracker;
import dev.vigil.ensemble.model.Clocks;
import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Every {@code vigil.ensemble.*} setting, with its default; README lists them. */
public record EnsembleSettings(Map<String, Set<String>> detectors, Duration fusionWait, Clocks waitClock, Duration lateHorizon,
                               CombinationRule rule, double threshold, int minDetectors, int minAgreeing, Map<String, Double> weights, boolean learnWeights,
                               long weightsMinLabels, long weightsMinLabelsPerClass, Severities severities, int topFeatures, Duration quiet,
                               Duration cooldown, Severity cooldownBypass, Clocks incidentClock,
                               Map<String, IncidentTracker.DomainRules> incidentRules, IgnoreList ignore,
                               String peerDomain, int minPeers, Duration correlationHold, Duration correlationSpan, int minCorrelated,
                               Map<String, Integer> minCorrelatedByDomain, boolean trialEnabled, double challengerShare,
                               String trialSalt, long trialMinLabels, double trialAlpha, Duration labelRetention,
                               Duration anomalousLabelRetention,
                               Duration tick, int domainPartitions) {
    public static final String P = "vigil.ensemble.";
    /**
     * The defaults for BGP peers, chosen by {@code vigil bench detect --suite bgp}: an incident opens on 3 anomalous
     * minutes among 5 (single noisy minutes are common), anomalous minutes up to 15 minutes apart belong to one
     * incident (events go on for hours in bursts), and there is no cooldown (the long quiet period does its work).
     */
    public static final IncidentTracker.DomainRules BGP_PEER_RULES = new IncidentTracker.DomainRules(new Confirmation(3, 5),
            Duration.ofMinutes(15), Duration.ZERO);

    public static EnsembleSettings from(VigilConfig c) {
        Duration wait = c.getDuration(P + "wait", Duration.ofSeconds(30));
        Duration quiet = c.getDuration(P + "incident.quiet", Duration.ofMinutes(5));
        return new EnsembleSettings(
                detectorLists(c.asMap()),
                wait,
                Clocks.parse(c.get(P + "wait.clock", "both")),
                c.getDuration(P + "late.horizon", Duration.ofMinutes(10)),
                CombinationRule.parse(c.get(P + "rule", "weighted-mean")),
                c.getDouble(P + "threshold", 0.5),
                c.getInt(P + "min.detectors", 1),
                c.getInt(P + "min.agreeing", 1),
                weights(c.asMap()),
                c.getBoolean(P + "weights.learn", true),
                c.getLong(P + "weights.min.labels", 50),
                c.getLong(P + "weights.min.labels.per.class", 10),
                Severities.parse(c.get(P + "severity.bands", "0.5,0.7,0.85,0.95")),
                c.getInt(P + "top.features", 5),
                quiet,
                c.getDuration(P + "cooldown", Duration.ofMinutes(15)),
                Severity.valueOf(c.get(P + "cooldown.bypass.severity", "CRITICAL").toUpperCase(Locale.ROOT)),
                Clocks.parse(c.get(P + "incident.clock", "both")),
                incidentRules(c, quiet, c.getDuration(P + "cooldown", Duration.ofMinutes(15))),
                IgnoreList.parse(c.get(P + "ignore", "")),
                c.get(P + "bgp.peer.domain", "bgp-peer"),
                c.getInt(P + "bgp.min.peers", 2),
                c.getDuration(P + "correlation.hold", Duration.ofSeconds(10)),
                c.getDuration(P + "correlation.span", Duration.ofMinutes(15)),
                c.getInt(P + "correlation.min.entities", 10),
                perDomainInts(c.asMap(), P + "correlation.min.entities."),
                c.getBoolean(P + "ab.enabled", true),
                c.getDouble(P + "ab.challenger.share", 0.5),
                c.get(P + "ab.salt", "vigil"),
                c.getLong(P + "ab.min.labels", 30),
                c.getDouble(P + "ab.alpha", 0.05),
                c.getDuration(P + "labels.retention", Duration.ofHours(2)),
                c.getDuration(P + "labels.retention.anomalous", Duration.ofDays(7)),
                c.getDuration(P + "tick", Duration.ofSeconds(1)),
                c.getInt(P + "domain.partitions", c.getInt("vigil.topics.partitions", 3)));
    }

    /** {@code vigil.ensemble.detectors.<domain>=a,b,c}. */
    static Map<String, Set<String>> detectorLists(Map<String, String> values) {
        Map<String, Set<String>> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(P + "detectors.") && !v.isBlank()) {
                Set<String> detectors = new LinkedHashSet<>();
                Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(detectors::add);
                out.put(k.substring((P + "detectors.").length()), detectors);
            }
        });
        return out;
    }

    /** {@code vigil.ensemble.weight.<detector>} and {@code vigil.ensemble.weight.<domain>.<detector>}. */
    static Map<String, Double> weights(Map<String, String> values) {
        Map<String, Double> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(P + "weight.") && !v.isBlank()) {
                out.put(k.substring((P + "weight.").length()), Double.parseDouble(v.trim()));
            }
        });
        return out;
    }

    /**
     * Per-domain incident rules: {@code vigil.ensemble.incident.confirm.<domain>=<windows>/<of>},
     * {@code vigil.ensemble.incident.quiet.<domain>} and {@code vigil.ensemble.cooldown.<domain>}, each falling back to
     * the domain-wide default. BGP peers default to {@link #BGP_PEER_RULES}; every other domain opens on its first
     * anomalous window with the global quiet period and cooldown.
     */
    static Map<String, IncidentTracker.DomainRules> incidentRules(VigilConfig config, Duration quiet, Duration cooldown) {
        Map<String, String> values = config.asMap();
        String peers = values.getOrDefault(P + "bgp.peer.domain", "bgp-peer");
        Set<String> domains = new java.util.TreeSet<>(List.of(peers));
        for (String prefix : List.of(P + "incident.confirm.", P + "incident.quiet.", P + "cooldown.")) {
            values.keySet().stream().filter(k -> k.startsWith(prefix) && !k.substring(prefix.length()).contains("."))
                    .forEach(k -> domains.add(k.substring(prefix.length())));
        }
        Map<String, IncidentTracker.DomainRules> out = new TreeMap<>();
        for (String domain : domains) {
            IncidentTracker.DomainRules fallback = domain.equals(peers) ? BGP_PEER_RULES
                    : new IncidentTracker.DomainRules(Confirmation.FIRST, quiet, cooldown);
            String confirm = values.getOrDefault(P + "incident.confirm." + domain, "");
            out.put(domain, new IncidentTracker.DomainRules(
                    confirm.isBlank() ? fallback.confirmation() : Confirmation.parse(confirm),
                    config.getDuration(P + "incident.quiet." + domain, fallback.quiet()),
                    config.getDuration(P + "cooldown." + domain, fallback.cooldown())));
        }
        return out;
    }

    private static Map<String, Integer> perDomainInts(Map<String, String> values, String prefix) {
        Map<String, Integer> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && !v.isBlank()) {
                out.put(k.substring(prefix.length()), Integer.parseInt(v.trim()));
            }
        });
        return out;
    }

    public VariantSplit split() {
        return trialEnabled ? new VariantSplit(challengerShare, trialSalt) : null;
    }

    public IncidentTracker.Settings incidentSettings() {
        return new IncidentTracker.Settings(quiet, cooldown, cooldownBypass, incidentClock, incidentRules);
    }

    public DomainEngine.Settings engineSettings() {
        return new DomainEngine.Settings(ignore, peerDomain, minPeers, minCorrelated, minCorrelatedByDomain, correlationSpan, topFeatures);
    }

    /** How long judged windows are remembered: for late arrivals, and over the correlation span. */
    public Duration judgedMemory() {
        return lateHorizon.plus(correlationHold).plus(correlationSpan);
    }
}
