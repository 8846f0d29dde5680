package dev.vigil.aggregator.stream;

import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;

/**
 * The aggregator's settings ({@code vigil.aggregator.*}), with their defaults.
 *
 * @param bgpWindow          BGP window size ({@code bgp.window}, 1m)
 * @param bgpAdvance         BGP window advance ({@code bgp.advance}, = window: tumbling)
 * @param bgpGrace           how late a BGP update may be ({@code bgp.grace}, 30s)
 * @param originMaxLag       when every peer task has gone silent, how far (event time past a window's end) the origin side
 *                           still waits before it closes the window ({@code bgp.origin.max.lag}, 15 windows)
 * @param originMaxWait      how long (wall clock) the origin side waits for a peer task that sends nothing before it
 *                           stops waiting for it ({@code bgp.origin.max.wait}, 5m)
 * @param telemetryWindow    telemetry window size ({@code telemetry.window}, 5m)
 * @param telemetryAdvance   telemetry window advance ({@code telemetry.advance}, = window)
 * @param telemetryGrace     how late a telemetry record may be ({@code telemetry.grace}, 30s)
 * @param maxFuture          how far past the wall clock an event time may be before it is invalid ({@code max.future}, 5m)
 * @param withdrawnTtl       life of a withdrawn prefix's state after its last update ({@code bgp.withdrawn.ttl}, 24h)
 * @param stateTtl           life of any prefix state after its last update ({@code bgp.state.ttl}, 30d)
 * @param maxPrefixesPerPeer cap of stored prefix states per peer ({@code bgp.max.prefixes.per.peer}, 2,000,000)
 * @param sweepBatch         prefix states examined for expiry per window close ({@code bgp.sweep.batch}, 50,000)
 * @param sweepInterval      event time between the starts of two sweeps over all prefix states ({@code bgp.sweep.interval},
 *                           1h): states live a day or more, and through a backlog windows close many times a second
 * @param peerTasks          peer tasks feeding the per-origin merge, = partitions of the BGP input ({@code bgp.peer.tasks};
 *                           0, the default, = read from the topic at start-up, or learned from their markers in tests)
 * @param idleMarkerAfter    a peer task with no input this long after start tells the origin side not to wait for it
 *                           ({@code bgp.idle.marker.after}, 30s)
 * @param rekey              re-key the inputs by entity first, for producers that do not key by entity ({@code rekey}, false)
 * @param compactPartials    write per-origin partials in the compact format ({@code bgp.compact.partials}, true); false
 *                           writes the fixed-width one, which versions before it read, for a rolling upgrade from them
 */
public record AggregatorSettings(Duration bgpWindow, Duration bgpAdvance, Duration bgpGrace, Duration originMaxLag, Duration originMaxWait,
                                 Duration telemetryWindow, Duration telemetryAdvance, Duration telemetryGrace,
                                 Duration maxFuture, Duration withdrawnTtl, Duration stateTtl, long maxPrefixesPerPeer,
                                 int sweepBatch, Duration sweepInterval, int peerTasks, Duration idleMarkerAfter, boolean rekey,
                                 boolean compactPartials) {
    private static final String P = "vigil.aggregator.";

    public static AggregatorSettings from(VigilConfig c) {
        Duration bgpWindow = c.getDuration(P + "bgp.window", Duration.ofMinutes(1));
        Duration telemetryWindow = c.getDuration(P + "telemetry.window", Duration.ofMinutes(5));
        return new AggregatorSettings(bgpWindow, c.getDuration(P + "bgp.advance", bgpWindow),
                c.getDuration(P + "bgp.grace", Duration.ofSeconds(30)),
                c.getDuration(P + "bgp.origin.max.lag", bgpWindow.multipliedBy(15)),
                c.getDuration(P + "bgp.origin.max.wait", Duration.ofMinutes(5)),
                telemetryWindow, c.getDuration(P + "telemetry.advance", telemetryWindow),
                c.getDuration(P + "telemetry.grace", Duration.ofSeconds(30)),
                c.getDuration(P + "max.future", Duration.ofMinutes(5)),
                c.getDuration(P + "bgp.withdrawn.ttl", Duration.ofHours(24)),
                c.getDuration(P + "bgp.state.ttl", Duration.ofDays(30)),
                c.getLong(P + "bgp.max.prefixes.per.peer", 2_000_000),
                c.getInt(P + "bgp.sweep.batch", 50_000),
                c.getDuration(P + "bgp.sweep.interval", Duration.ofHours(1)),
                c.getInt(P + "bgp.peer.tasks", 0),
                c.getDuration(P + "bgp.idle.marker.after", Duration.ofSeconds(30)),
                c.getBoolean(P + "rekey", false),
                c.getBoolean(P + "bgp.compact.partials", true));
    }

    public WindowSpec bgpWindows() {
        return WindowSpec.of(bgpWindow, bgpAdvance, bgpGrace);
    }

    /**
     * The origin side's windows: partials and markers are timestamped at a window's end, and a window closes without
     * a silent peer task's marker once that time is originMaxLag past its end.
     */
    public WindowSpec originWindows() {
        return WindowSpec.of(bgpWindow, bgpAdvance, originMaxLag);
    }

    /** How per-origin partials are written (both formats are read). */
    public Codec<dev.vigil.aggregator.bgp.OriginWindowFeatures> partialCodec() {
        return compactPartials ? BgpOriginProcessor.CODEC : BgpOriginProcessor.FIXED_WIDTH_CODEC;
    }

    public WindowSpec telemetryWindows() {
        return WindowSpec.of(telemetryWindow, telemetryAdvance, telemetryGrace);
    }
}
