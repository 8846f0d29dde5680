package dev.vigil.kit.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.VigilConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void renamedTopicsKeepTheirConfigAndDeadLetterTopic() {
        Topics topics = new Topics(VigilConfig.of("t", Map.of("vigil.topic.alerts", "prod.alerts")));
        assertEquals("prod.alerts", topics.name(Topics.ALERTS));
        assertEquals("prod.alerts", topics.spec(Topics.ALERTS).name());
        assertEquals("delete", topics.spec(Topics.ALERTS).configs().get("cleanup.policy"));
        assertEquals("compact", topics.spec(Topics.MODEL_VERSIONS).configs().get("cleanup.policy"));
    }

    @Test
    void renamingEveryDefaultNameRenamesEveryTopic() {
        Map<String, String> renamed = new java.util.HashMap<>();
        Topics.DEFAULT_NAMES.forEach(name -> renamed.put("vigil.topic." + name, "run1." + name));
        Topics topics = new Topics(VigilConfig.of("t", renamed));

        for (TopicSpec spec : topics.all()) {
            assertTrue(spec.name().startsWith("run1."), spec.name() + " kept its default name");
        }
    }

    @Test
    void internalTopicsFailIntoTheAppsOwnDeadLetterTopic() {
        Topics topics = new Topics(VigilConfig.of("t", Map.of("vigil.topic.scores", "prod.scores")));
        assertEquals("prod.scores.dlq", topics.deadLetterTopic("prod.scores", "ensemble"));
        assertEquals("vigil-drift-monitor.dlq",
                topics.deadLetterTopic("vigil-drift-monitor-scores-by-domain-repartition", "drift-monitor"));
        assertTrue(topics.forApp("drift-monitor").stream().anyMatch(s -> s.name().equals("vigil-drift-monitor.dlq")),
                "the app's dead-letter topic is created with the others");
        assertTrue(topics.all().stream().anyMatch(s -> s.name().equals("prod.scores.dlq")));
    }
}
