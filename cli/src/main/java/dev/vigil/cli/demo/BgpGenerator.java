package dev.vigil.cli.demo;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.avro.UpdateType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashSet;

/**
 * BGP UPDATE elements of the demo's peers: steady churn over a table of prefixes, more churn and longer
 * paths after the drift point, and the scenario's BGP incidents (a worm-like storm seen by every peer, a
 * route leak, an outage).
 *
 * <p>Two things a real BGP session does keep the features' normal steady, so that only the drift changes it:
 * each peer sends its whole table when the scenario starts (a session's initial table transfer: without it
 * the aggregator would learn prefixes one churn update at a time, and "new prefix" counts would fall for most
 * of a day), and at an incident's end every prefix it touched is announced again on its normal path
 * (reconvergence: without it the table would keep storm, leak or outage routes until churn happened to
 * replace them, and path-change features would stay raised for hours after the incident).
 */
public final class BgpGenerator {
    private static final int PREFIXES = 2_000;
    private static final long LEAKER = 64_666;
    private final DemoScenario scenario;
    private final Random random;
    private final Map<String, long[][]> paths = new HashMap<>();
    /** Prefixes an incident changed, per peer and incident, until it reconverges. */
    private final Map<String, Set<Integer>> touched = new HashMap<>();

    public BgpGenerator(DemoScenario scenario) {
        this.scenario = scenario;
        this.random = new Random(scenario.seed() * 17 + 3);
        for (DemoScenario.Peer peer : scenario.peers()) {
            long[][] table = new long[PREFIXES][];
            for (int p = 0; p < PREFIXES; p++) {
                table[p] = normalPath(peer.asn(), p, false);
            }
            paths.put(peer.entity(), table);
        }
    }

    /** Updates of every peer in [from, from + step). */
    public List<BgpUpdate> updates(Instant from, Duration step) {
        List<BgpUpdate> out = new ArrayList<>();
        double minutes = step.toMillis() / 60_000.0;
        for (DemoScenario.Peer peer : scenario.peers()) {
            boolean drifted = scenario.drifted(from);
            if (!scenario.start().isBefore(from) && scenario.start().isBefore(from.plus(step))) {
                tableTransfer(peer, scenario.start(), out);
            }
            int churn = poissonish((drifted ? 26 : 13) * minutes);
            for (int i = 0; i < churn; i++) {
                out.add(churnUpdate(peer, at(from, step), drifted));
            }
            for (Injection inj : scenario.activeFor(peer.entity(), from)) {
                incident(peer, inj, from, step, out);
            }
        }
        out.sort(java.util.Comparator.comparing(BgpUpdate::getTimestamp));
        return out;
    }

    private BgpUpdate churnUpdate(DemoScenario.Peer peer, Instant t, boolean drifted) {
        int p = random.nextInt(PREFIXES);
        double r = random.nextDouble();
        if (r < 0.12) {
            return withdraw(peer, p, t);
        }
        long[][] table = paths.get(peer.entity());
        if (r < 0.45) {
            table[p] = normalPath(peer.asn(), p + random.nextInt(3), drifted);
        }
        return announce(peer, p, table[p], t, OriginType.IGP);
    }

    private void tableTransfer(DemoScenario.Peer peer, Instant t, List<BgpUpdate> out) {
        long[][] table = paths.get(peer.entity());
        for (int p = 0; p < PREFIXES; p++) {
            out.add(announce(peer, p, table[p], t.plusMillis(p * 10L), OriginType.IGP));
        }
    }

    private void incident(DemoScenario.Peer peer, Injection inj, Instant from, Duration step, List<BgpUpdate> out) {
        boolean lastStep = !from.plus(step).isBefore(inj.end());
        // The last step's updates stay inside the incident, and its final second is the reconvergence's.
        Duration span = lastStep ? Duration.between(from, inj.end()).minusSeconds(1) : step;
        int first = out.size();
        if (span.isPositive()) {
            updatesOf(peer, inj, from, span, out);
        }
        String key = peer.entity() + "|" + inj.start();
        Set<Integer> changed = touched.computeIfAbsent(key, k -> new HashSet<>());
        for (BgpUpdate u : out.subList(first, out.size())) {
            changed.add(prefixIndex(u.getPrefix()));
        }
        if (lastStep) {
            reconverge(peer, changed, inj.end().minusSeconds(1), out);
            touched.remove(key);
        }
    }

    /** The incident's last second: every prefix it changed is announced again on its normal path. */
    private void reconverge(DemoScenario.Peer peer, Set<Integer> prefixes, Instant from, List<BgpUpdate> out) {
        long[][] table = paths.get(peer.entity());
        for (int p : new TreeSet<>(prefixes)) {
            out.add(announce(peer, p, table[p], at(from, Duration.ofSeconds(1)), OriginType.IGP));
        }
    }

    private void updatesOf(DemoScenario.Peer peer, Injection inj, Instant from, Duration step, List<BgpUpdate> out) {
        double minutes = step.toMillis() / 60_000.0;
        switch (inj.kind()) {
            case WORM_STORM -> {
                for (int i = 0, n = poissonish(180 * minutes); i < n; i++) {
                    int p = random.nextInt(PREFIXES);
                    long[] path = normalPath(peer.asn(), p + random.nextInt(50), true);
                    out.add(random.nextDouble() < 0.4 ? withdraw(peer, p, at(from, step))
                            : announce(peer, p, path, at(from, step), random.nextDouble() < 0.3 ? OriginType.INCOMPLETE : OriginType.IGP));
                }
            }
            case ROUTE_LEAK -> {
                for (int i = 0, n = poissonish(120 * minutes); i < n; i++) {
                    int p = random.nextInt(PREFIXES);
                    long[] normal = normalPath(peer.asn(), p, false);
                    long[] leaked = new long[normal.length + 3];
                    leaked[0] = peer.asn();
                    leaked[1] = LEAKER;
                    leaked[2] = 64_667;
                    leaked[3] = 64_668;
                    System.arraycopy(normal, 1, leaked, 4, normal.length - 1);
                    out.add(announce(peer, p, leaked, at(from, step), OriginType.INCOMPLETE));
                }
            }
            case OUTAGE -> {
                for (int i = 0, n = poissonish(150 * minutes); i < n; i++) {
                    out.add(withdraw(peer, random.nextInt(PREFIXES), at(from, step)));
                }
            }
            default -> { }
        }
    }

    private Instant at(Instant from, Duration step) {
        return from.plusMillis((long) (random.nextDouble() * step.toMillis()));
    }

    private static long[] normalPath(long peerAsn, int prefix, boolean drifted) {
        long origin = 65_000 + prefix % 12;
        int transit = 1 + prefix % 3 + (drifted ? 1 : 0);
        long[] path = new long[transit + 2];
        path[0] = peerAsn;
        for (int i = 1; i <= transit; i++) {
            path[i] = 1_000 + (prefix * 7L + i * 13L) % 97;
        }
        path[transit + 1] = origin;
        return path;
    }

    private static String prefix(int p) {
        return "10." + (p / 256) + "." + (p % 256) + ".0/24";
    }

    private static int prefixIndex(String prefix) {
        String[] octets = prefix.substring(0, prefix.indexOf('/')).split("\\.");
        return Integer.parseInt(octets[1]) * 256 + Integer.parseInt(octets[2]);
    }

    private static BgpUpdate announce(DemoScenario.Peer peer, int p, long[] path, Instant t, OriginType origin) {
        List<Long> asns = new ArrayList<>(path.length);
        for (long a : path) {
            asns.add(a);
        }
        return BgpUpdate.newBuilder().setCollector(peer.collector()).setPeerAsn(peer.asn()).setPeerAddress(peer.address())
                .setType(UpdateType.ANNOUNCE).setPrefix(prefix(p)).setAsPath(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, asns)))
                .setOrigin(origin).setNextHop(peer.address()).setCommunities(List.of(peer.asn() + ":100")).setTimestamp(t).build();
    }

    private static BgpUpdate withdraw(DemoScenario.Peer peer, int p, Instant t) {
        return BgpUpdate.newBuilder().setCollector(peer.collector()).setPeerAsn(peer.asn()).setPeerAddress(peer.address())
                .setType(UpdateType.WITHDRAW).setPrefix(prefix(p)).setTimestamp(t).build();
    }

    private int poissonish(double mean) {
        return Math.max(0, (int) Math.round(mean + Math.sqrt(Math.max(mean, 0)) * random.nextGaussian()));
    }
}
