package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.app.ServiceApp;
import dev.vigil.kit.app.StreamsProperties;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.app.StreamsApp;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one list of apps the launchers use: names as the apps give them, in pipeline order, an unknown name refused. */
class AppsTest {
    @Test
    void everyAppIsListedUnderItsOwnNameInPipelineOrder() {
        assertEquals(List.of("aggregator", "detectors", "ensemble", "drift-monitor", "retrainer"), List.copyOf(Apps.ALL.keySet()));
        Apps.ALL.forEach((name, app) -> assertEquals(name, app.get().name()));
        assertTrue(Apps.byName("retrainer") instanceof ServiceApp, "the retrainer runs its own loop");
        assertTrue(Apps.byName("detectors") instanceof StreamsApp);
    }

    @Test
    void theStreamsAppsAreExactlyThoseOnKafkaStreamsAndTheirGroupsAreTheApplicationIdsTheyRunWith() {
        List<String> onStreams = Apps.ALL.keySet().stream().filter(name -> Apps.byName(name) instanceof StreamsApp).toList();
        assertEquals(onStreams, Apps.STREAMS);
        VigilConfig config = VigilConfig.of("test", Map.of("kafka.bootstrap.servers", "127.0.0.1:9092"));
        for (String app : Apps.STREAMS) {
            assertEquals(StreamsProperties.of(app, config).get(StreamsConfig.APPLICATION_ID_CONFIG), Apps.group(app));
        }
        assertEquals(List.of("vigil-aggregator", "vigil-detectors", "vigil-ensemble", "vigil-drift-monitor"), Apps.streamsGroups());
    }

    @Test
    void anUnknownAppIsAUsageErrorNamingTheApps() {
        var e = assertThrows(CommandLine.ParameterException.class, () -> Apps.byName("scorer"));
        assertTrue(e.getMessage().contains("[aggregator, detectors, ensemble, drift-monitor, retrainer]"), e.getMessage());
    }
}
