package dev.vigil.cli.demo;

import dev.vigil.schemas.Entities;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's world: which services and BGP peers exist, the simulated time span, when the normal regime
 * shifts (the drift), and the anomalies injected, chosen from a seed so a run can be repeated.
 */
public record DemoScenario(long seed, Instant start, Duration span, Instant driftAt, List<String> services,
                           List<Peer> peers, List<Injection> injections) {

    /** A BGP peer of the demo and the prefixes it carries. */
    public record Peer(String collector, long asn, String address) {
        public String entity() {
            return Entities.peer(collector, asn, address);
        }
    }

    public static final String COLLECTOR = "rrc00";

    /**
     * Where a run's span ends: the latest midnight (UTC) at least half an hour before {@code now}, so the records that
     * close the last windows are not in the future. The same seed then gives the same scenario whatever the hour a run
     * starts: the services' daily cycle, the hours the first models train on and the hour each anomaly falls in are
     * the seed's, not the wall clock's (ending at "now", two runs of one seed at 03:30 and 06:00 fed the same anomalies
     * at different hours of the simulated day, and their figures could not be compared). The oldest record is then at
     * most three days old, the raw topics' retention; the demo's topics each fit in one log segment, which retention
     * never deletes while it is the active one.
     */
    public static Instant anchoredEnd(Instant now) {
        return now.minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.DAYS);
    }

    public static DemoScenario create(long seed, Duration span, boolean drift, Instant end) {
        Instant start = end.minus(span).truncatedTo(ChronoUnit.HOURS);
        List<String> services = List.of("checkout", "search", "payments", "catalog", "login", "cart", "profile", "shipping");
        List<Peer> peers = new ArrayList<>();
        long[] asns = {3356, 1299, 174, 2914, 6939, 6453};
        for (int i = 0; i < asns.length; i++) {
            peers.add(new Peer(COLLECTOR, asns[i], "198.51.100." + (i + 1)));
        }
        Instant driftAt = drift ? start.plus(span.multipliedBy(70).dividedBy(100)) : null;
        return new DemoScenario(seed, start, span, driftAt, services, peers, inject(seed, start, span, services, peers));
    }

    public Instant end() {
        return start.plus(span);
    }

    public boolean drifted(Instant t) {
        return driftAt != null && !t.isBefore(driftAt);
    }

    /**
     * Anomalies spread over the second half of the span, one kind after another so every kind appears. The quiet
     * first half (a whole day at the default span) is what the first models train on and what each entity's adaptive
     * detector learns its normal from, and it shows whether anything alerts when nothing is wrong.
     */
    private static List<Injection> inject(long seed, Instant start, Duration span, List<String> services, List<Peer> peers) {
        Random random = new Random(seed);
        List<Injection> out = new ArrayList<>();
        Injection.Kind[] telemetryKinds = {Injection.Kind.ERROR_SPIKE, Injection.Kind.LATENCY_SPIKE, Injection.Kind.TRAFFIC_SPIKE,
                Injection.Kind.TRAFFIC_DROP, Injection.Kind.COMBINED};
        Injection.Kind[] bgpKinds = {Injection.Kind.WORM_STORM, Injection.Kind.ROUTE_LEAK, Injection.Kind.OUTAGE};
        long spanMinutes = span.toMinutes();
        long quiet = spanMinutes / 2;
        long active = spanMinutes - quiet;
        int telemetryCount = 10;
        for (int i = 0; i < telemetryCount; i++) {
            Instant at = start.plus(Duration.ofMinutes(quiet + active * i / telemetryCount
                    + random.nextInt(60)));
            at = at.truncatedTo(ChronoUnit.MINUTES);
            String service = Entities.service(services.get(random.nextInt(services.size())));
            out.add(new Injection(telemetryKinds[i % telemetryKinds.length], Entities.TELEMETRY_SERVICE, List.of(service),
                    at, at.plus(Duration.ofMinutes(20 + random.nextInt(25)))));
        }
        int bgpCount = 6;
        for (int i = 0; i < bgpCount; i++) {
            Instant at = start.plus(Duration.ofMinutes(quiet + active * i / bgpCount + 30
                    + random.nextInt(60))).truncatedTo(ChronoUnit.MINUTES);
            Injection.Kind kind = bgpKinds[i % bgpKinds.length];
            List<String> affected = kind == Injection.Kind.WORM_STORM ? peers.stream().map(Peer::entity).toList()
                    : List.of(peers.get(random.nextInt(peers.size())).entity());
            out.add(new Injection(kind, Entities.BGP_PEER, affected, at, at.plus(Duration.ofMinutes(6 + random.nextInt(10)))));
        }
        return List.copyOf(out);
    }

    public List<Injection> activeFor(String entity, Instant t) {
        return injections.stream().filter(i -> i.activeAt(entity, t)).toList();
    }
}
