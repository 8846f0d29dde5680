package dev.vigil.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two instances of each Streams app, each in a JVM of its own, five of them killed with SIGKILL and restarted, and the
 * broker and the registry restarted once each while the feed runs: every feature vector and score must equal the undisturbed run's, with
 * none missing and none written twice.
 */
class ChaosIntegrationTest {
    @Test
    void killsAndBrokerAndRegistryRestartsLoseNothingDuplicateNothingAndChangeNoValue() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        ChaosRun.Options options = new ChaosRun.Options(2, 5, 1, 1, 0, Duration.ofHours(6), Duration.ofSeconds(75), 2, 3);

        ChaosReport report = new ChaosRun(options, out).run();
        report.print(out);
        String printed = log.toString(StandardCharsets.UTF_8);
        System.out.print(printed);

        assertEquals(5, report.kills(), printed);
        assertEquals(1, report.brokerRestarts(), printed);
        assertEquals(1, report.registryRestarts(), printed);
        assertEquals(5, report.killsRecovered(), printed);
        for (OutputComparison output : report.outputs()) {
            assertTrue(output.expected() > 100, output.topic() + " carried too little to show anything\n" + printed);
            assertTrue(output.identical(), output.topic() + " differs\n" + printed);
        }
    }
}
