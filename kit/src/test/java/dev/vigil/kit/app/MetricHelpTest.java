package dev.vigil.kit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;

/** Every vigil metric has HELP text, and the counters alert rules use exist at zero before their first event. */
class MetricHelpTest {
    @Test
    void countersStartAtZeroWithHelpTextAndTheTopologysInputsAreFound() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("features.bgp", Consumed.with(Serdes.String(), Serdes.String()))
                .repartition().to("scores");
        Set<String> sources = MetricHelp.sourceTopics(builder.build(), "vigil-test");
        assertEquals(Set.of("features.bgp"), sources, "inputs, not internal repartition topics");

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricHelp.install(registry);
        MetricHelp.registerAtZero(registry, sources, true);
        registry.counter("vigil.some.new.thing").increment();
        String scrape = registry.scrape();
        assertTrue(scrape.contains("vigil_stream_thread_replacements_total 0.0"), scrape);
        assertTrue(scrape.contains("vigil_dead_letters_total{kind=\"validation\",topic=\"features.bgp\"} 0.0"), scrape);
        assertTrue(scrape.contains("# HELP vigil_dead_letters_total Records written to a dead-letter topic"), scrape);
        assertTrue(scrape.contains("# HELP vigil_some_new_thing_total Vigil some new thing"), scrape);
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE vigil_")) {
                String name = line.split(" ")[2];
                assertTrue(scrape.contains("# HELP " + name + " "), "HELP text for " + name);
            }
        }
    }
}
