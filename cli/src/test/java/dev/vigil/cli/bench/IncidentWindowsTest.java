package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vigil.avro.Severity;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.models.fusion.Confirmation;
import dev.vigil.schemas.Entities;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentWindowsTest {
    private static final long MINUTE = 60_000;

    private static boolean[] flags(String pattern) {
        boolean[] out = new boolean[pattern.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pattern.charAt(i) == 'x';
        }
        return out;
    }

    private static boolean[] reported(IncidentWindows rules, String pattern, double score) {
        boolean[] anomalous = flags(pattern);
        double[] scores = new double[anomalous.length];
        long[] starts = new long[anomalous.length];
        for (int i = 0; i < starts.length; i++) {
            scores[i] = anomalous[i] ? score : 0.1;
            starts[i] = i * MINUTE;
        }
        return rules.reported(anomalous, scores, starts, MINUTE);
    }

    @Test
    void aBgpPeerWindowIsReportedOnceThreeOfFiveAreAnomalousAndWhileTheIncidentIsOpen() {
        IncidentWindows rules = IncidentWindows.defaultsFor(Entities.BGP_PEER);
        // Isolated minutes never open one; the third of 3 in 5 does, later ones within the quiet period join it, and the
        // quiet minutes between them are inside the incident's span.
        assertArrayEquals(flags("....................xxxxxxxxxx"), reported(rules, "x...x...x...x...x.x.x.x...x..x", 0.6));
    }

    @Test
    void afterAnIncidentClosesOnlyACriticalWindowOpensAnotherDuringTheCooldown() {
        IncidentWindows rules = new IncidentWindows("test-domain", Confirmation.FIRST, Duration.ofMinutes(2), Duration.ofMinutes(5),
                Severities.parse("0.5,0.7,0.85,0.95"), Severity.CRITICAL);
        // Minutes 3 and 6 fall in the cooldown (until minute 8), minute 9 opens a new incident.
        assertArrayEquals(flags("x........x"), reported(rules, "x..x..x..x", 0.6));
        assertArrayEquals(flags("x..x..x..x"), reported(rules, "x..x..x..x", 0.97));
    }
}
