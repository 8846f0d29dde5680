package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.avro.UpdateType;
import dev.vigil.schemas.Entities;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoPartsTest {
    private final Instant end = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void theScenarioIsRepeatableFromItsSeedAndNamesRealEntities() {
        DemoScenario a = DemoScenario.create(42, Duration.ofHours(48), true, end);
        DemoScenario b = DemoScenario.create(42, Duration.ofHours(48), true, end);
        assertEquals(a.injections(), b.injections());
        assertNotEquals(a.injections(), DemoScenario.create(7, Duration.ofHours(48), true, end).injections());
        for (Injection i : a.injections()) {
            i.entities().forEach(e -> assertEquals(i.domain(), Entities.domainOf(e), e));
            assertTrue(i.start().isAfter(a.start().plus(Duration.ofHours(19))), "anomalies come after the first models' data");
        }
        assertTrue(a.drifted(a.end().minusSeconds(1)) && !a.drifted(a.start()));
        assertFalse(DemoScenario.create(42, Duration.ofHours(48), false, end).drifted(end));
    }

    @Test
    void aSeedsScenarioIsTheSameWhateverTheHourTheRunStarts() {
        Instant early = DemoScenario.anchoredEnd(Instant.parse("2026-12-07T03:30:00Z"));
        Instant late = DemoScenario.anchoredEnd(Instant.parse("2026-12-07T23:59:00Z"));
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), early);
        assertEquals(early, late);
        assertEquals(DemoScenario.create(4, Duration.ofHours(48), true, early), DemoScenario.create(4, Duration.ofHours(48), true, late));
        Instant justAfterMidnight = Instant.parse("2026-12-07T00:10:00Z");
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), DemoScenario.anchoredEnd(justAfterMidnight),
                "never less than half an hour before the run");
    }

    @Test
    void theFeedWaitsWhileAnEvaluatedDomainIsScoredMoreThanTheLeadBehind() {
        Instant feed = end;
        Instant close = feed.minus(DemoSettings.MAX_LEAD).plusSeconds(60);
        Instant far = feed.minus(DemoSettings.MAX_LEAD).minusSeconds(60);
        assertFalse(DemoRun.appsBehind(d -> java.util.Optional.of(close), feed));
        assertTrue(DemoRun.appsBehind(d -> java.util.Optional.of(d.equals(Entities.TELEMETRY_SERVICE) ? far : close), feed));
        assertFalse(DemoRun.appsBehind(d -> java.util.Optional.empty(), feed), "a domain without scores yet holds nothing up");
    }

    @Test
    void injectedTelemetryAnomaliesChangeTheGeneratedTraffic() {
        DemoScenario scenario = DemoScenario.create(42, Duration.ofHours(48), false, end);
        Injection spike = scenario.injections().stream().filter(i -> i.kind() == Injection.Kind.ERROR_SPIKE).findFirst().orElseThrow();
        String service = spike.entities().getFirst();
        double during = errorRate(new TelemetryGenerator(scenario).events(spike.start(), Duration.ofMinutes(15)), service);
        double before = errorRate(new TelemetryGenerator(scenario).events(spike.start().minus(Duration.ofHours(2)), Duration.ofMinutes(15)), service);
        assertTrue(during > 0.2 && before < 0.05, "error rate " + before + " before, " + during + " during the spike");
    }

    @Test
    void aBgpStormMultipliesEveryPeersUpdates() {
        DemoScenario scenario = DemoScenario.create(42, Duration.ofHours(48), false, end);
        Injection storm = scenario.injections().stream().filter(i -> i.kind() == Injection.Kind.WORM_STORM).findFirst().orElseThrow();
        List<BgpUpdate> during = new BgpGenerator(scenario).updates(storm.start(), Duration.ofMinutes(1));
        List<BgpUpdate> before = new BgpGenerator(scenario).updates(storm.start().minus(Duration.ofHours(3)), Duration.ofMinutes(1));
        assertTrue(during.size() > 5 * before.size(), during.size() + " updates during, " + before.size() + " before");
    }

    @Test
    void everyPeerSendsItsWholeTableWhenTheScenarioStarts() {
        DemoScenario scenario = DemoScenario.create(42, Duration.ofHours(48), false, end);
        List<BgpUpdate> first = new BgpGenerator(scenario).updates(scenario.start(), Duration.ofMinutes(1));
        List<BgpUpdate> later = new BgpGenerator(scenario).updates(scenario.start().plus(Duration.ofMinutes(1)), Duration.ofMinutes(1));
        for (DemoScenario.Peer peer : scenario.peers()) {
            long prefixes = first.stream().filter(u -> u.getPeerAsn() == peer.asn() && u.getType() == UpdateType.ANNOUNCE)
                    .map(BgpUpdate::getPrefix).distinct().count();
            assertEquals(2_000, prefixes, "prefixes announced by AS" + peer.asn() + " in the first minute");
        }
        assertTrue(later.size() < 200, later.size() + " updates in the second minute");
    }

    @Test
    void anOutageEndsWithEveryWithdrawnPrefixAnnouncedAgain() {
        Map<String, BgpUpdate> last = lastUpdatePerPrefixOver(Injection.Kind.OUTAGE);
        long withdrawnAtTheEnd = last.values().stream().filter(u -> u.getType() == UpdateType.WITHDRAW).count();
        // Churn may still withdraw a prefix in the last step; the outage's hundreds of withdrawals are undone.
        assertTrue(withdrawnAtTheEnd < 10, withdrawnAtTheEnd + " prefixes of " + last.size() + " left withdrawn");
        assertTrue(last.size() > 500, "the outage withdrew " + last.size() + " prefixes");
    }

    @Test
    void aRouteLeakEndsWithNoLeakedPathLeftInTheTable() {
        Map<String, BgpUpdate> last = lastUpdatePerPrefixOver(Injection.Kind.ROUTE_LEAK);
        long leaked = last.values().stream().filter(u -> u.getType() == UpdateType.ANNOUNCE)
                .filter(u -> u.getAsPath().getFirst().getAsns().contains(64_666L)).count();
        assertEquals(0, leaked, "prefixes still on the leaked path after the leak");
        assertTrue(last.size() > 500, "the leak touched " + last.size() + " prefixes");
    }

    /** The last update per prefix of the incident's peer, from the incident's start to its end, minute by minute. */
    private Map<String, BgpUpdate> lastUpdatePerPrefixOver(Injection.Kind kind) {
        DemoScenario scenario = DemoScenario.create(42, Duration.ofHours(48), false, end);
        Injection incident = scenario.injections().stream().filter(i -> i.kind() == kind).findFirst().orElseThrow();
        DemoScenario.Peer peer = scenario.peers().stream().filter(p -> incident.entities().contains(p.entity())).findFirst().orElseThrow();
        BgpGenerator generator = new BgpGenerator(scenario);
        Map<String, BgpUpdate> last = new HashMap<>();
        for (Instant t = incident.start(); t.isBefore(incident.end()); t = t.plus(Duration.ofMinutes(1))) {
            generator.updates(t, Duration.ofMinutes(1)).stream().filter(u -> u.getPeerAsn() == peer.asn())
                    .forEach(u -> last.put(u.getPrefix(), u));
        }
        return last;
    }

    private static double errorRate(List<RequestEvent> events, String entity) {
        List<RequestEvent> mine = events.stream().filter(e -> Entities.service(e.getService()).equals(entity)).toList();
        return mine.stream().filter(RequestEvent::getError).count() / (double) mine.size();
    }

    @Test
    void hotSwapsCountVersionChangesOfProductionScoresOnly() {
        List<DetectorScore> scores = List.of(score(1, false), score(1, false), score(2, true), score(2, false), score(2, false), score(1, false));
        assertEquals(2, DemoResult.hotSwaps(scores));
    }

    private static DetectorScore score(int version, boolean shadow) {
        return DetectorScore.newBuilder().setEntity("service:checkout").setDomain(Entities.TELEMETRY_SERVICE)
                .setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH).setDetector("rules").setModelName("telemetry-service.rules")
                .setModelVersion(version).setStatus(ScoreStatus.SCORED).setRawScore(1).setScore(0.4).setThreshold(2)
                .setAnomalous(false).setShadow(shadow).setScoredAt(Instant.EPOCH).build();
    }
}
