package dev.vigil.kit.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The HELP text of every {@code vigil_*} metric, in one place, and the counters every app registers at zero
 * when it starts: a counter that first appears at 1 is invisible to {@code increase()} and {@code rate()},
 * so the shipped alert rules would miss the first dead letter, thread replacement or refusal.
 */
public final class MetricHelp {
    /** Descriptions by Micrometer name; the Prometheus name adds {@code _total}, {@code _seconds} and so on. */
    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("vigil.dead.letters", "Records written to a dead-letter topic, by source topic and kind"),
            Map.entry("vigil.stream.thread.replacements", "Kafka Streams threads that died and were replaced"),
            Map.entry("vigil.aggregator.late.records", "Input records too late for their window, written to late.records"),
            Map.entry("vigil.aggregator.bgp.prefix.cap.hits", "BGP updates ignored because a peer reached its prefix cap"),
            Map.entry("vigil.aggregator.bgp.prefix.states", "Prefix states held per BGP task"),
            Map.entry("vigil.detectors.scores", "Vectors scored, by detector, domain and shadow"),
            Map.entry("vigil.detectors.unscored", "Vectors passed on unscored, by domain, detector and reason"),
            Map.entry("vigil.detectors.model.swaps", "Model versions swapped in, by model and stage"),
            Map.entry("vigil.detectors.model.refusals", "Model versions refused, by model and reason"),
            Map.entry("vigil.detectors.model.version", "Version serving per model and stage (0 when none)"),
            Map.entry("vigil.detectors.scoring.latency", "Time to score one vector with one model"),
            Map.entry("vigil.ensemble.scores", "Scores received, by kind and domain"),
            Map.entry("vigil.ensemble.windows", "Entity windows fused, by domain and completeness"),
            Map.entry("vigil.ensemble.fused", "Fused window verdicts, by domain and anomalous"),
            Map.entry("vigil.ensemble.alerts", "Alert records written, by domain, status and severity"),
            Map.entry("vigil.ensemble.suppressed", "Anomalous windows that raised no alert, by reason"),
            Map.entry("vigil.ensemble.variant.windows", "Windows judged per champion/challenger arm"),
            Map.entry("vigil.ensemble.variant.anomalous", "Anomalous verdicts per champion/challenger arm"),
            Map.entry("vigil.ensemble.variant.labelled", "Labelled windows per champion/challenger arm"),
            Map.entry("vigil.ensemble.labels", "Labels received, by domain and whether they matched a window"),
            Map.entry("vigil.ensemble.trials.decided", "Champion/challenger trials decided, by winner"),
            Map.entry("vigil.ensemble.promotions", "Promotion requests written after a trial"),
            Map.entry("vigil.ensemble.weight", "Fusion weight per detector"),
            Map.entry("vigil.retrainer.requests", "Retrain request records received"),
            Map.entry("vigil.retrainer.outcomes", "Retrain outcomes, by status"),
            Map.entry("vigil.retrainer.training.time", "Time to train one model"),
            Map.entry("vigil.retrainer.training.active", "Training runs in progress"),
            Map.entry("vigil.retrainer.request.to.announcement", "Time from a retrain request to the announced version"),
            Map.entry("vigil.retrainer.label.requests", "Label requests written for analysts"),
            Map.entry("vigil.retrainer.promotions", "Versions promoted by the retrainer, by kind"),
            Map.entry("vigil.retrainer.automatic.requests", "Retrain requests the retrainer made itself, by requester"));

    private MetricHelp() {
    }

    /** Gives every vigil meter its HELP text: from the catalogue, else spelled out from its name. */
    public static void install(MeterRegistry registry) {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("vigil.") || (id.getDescription() != null && !id.getDescription().isBlank())) {
                    return id;
                }
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(),
                        describe(id.getName()), id.getType());
            }
        });
    }

    static String describe(String name) {
        String known = DESCRIPTIONS.get(name);
        return known != null ? known : "Vigil " + name.substring("vigil.".length()).replace('.', ' ').replace('-', ' ');
    }

    /** Counters that must exist from the start: thread replacements, and dead letters of every topic the app reads. */
    public static void registerAtZero(MeterRegistry registry, Set<String> sourceTopics, boolean streams) {
        if (streams) {
            registry.counter("vigil.stream.thread.replacements");
        }
        for (String topic : sourceTopics) {
            for (String kind : new String[] {"deserialization", "validation", "processing"}) {
                registry.counter("vigil.dead.letters", "topic", topic, "kind", kind);
            }
        }
    }

    /** Every topic a topology reads, global stores included (not its internal repartition topics). */
    public static Set<String> sourceTopics(Topology topology, String applicationId) {
        Set<String> topics = new TreeSet<>();
        TopologyDescription description = topology.describe();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> addSource(topics, n)));
        description.globalStores().forEach(g -> addSource(topics, g.source()));
        topics.removeIf(t -> t.startsWith(applicationId + "-") || t.contains("-repartition"));
        return topics;
    }

    private static void addSource(Set<String> topics, TopologyDescription.Node node) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
            topics.addAll(source.topicSet());
        }
    }
}
