package dev.vigil.aggregator.stream;

import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;

/**
 * The aggregator's settings ({@code vigil.aggregator.*}), with their defaults.
 *
 * @param bgpWindow          BGP window size ({@code bgp.window}, 1m)
 * @param bgpAdvance         BGP window advance ({@code bgp.advance}, = window: tumbling)
 * @param bgpGrace           how late a BGP update may be ({@code bgp.grace}, 30s)
 * @param originGrace        extra wait for per-origin partials from every task ({@code bgp.origin.grace}, 2 windows)
 * @param telemetryWindow    telemetry window size ({@code telemetry.window}, 5m)
 * @param telemetryAdvance   telemetry window advance ({@code telemetry.advance}, = window)
 * @param telemetryGrace     how late a telemetry record may be ({@code telemetry.grace}, 30s)
 * @param maxFuture          how far past the wall clock an event time may be before it is invalid ({@code max.future}, 5m)
 * @param withdrawnTtl       life of a withdrawn prefix's state after its last update ({@code bgp.withdrawn.ttl}, 24h)
 * @param stateTtl           life of any prefix state after its last update ({@code bgp.state.ttl}, 30d)
 * @param maxPrefixesPerPeer cap of stored prefix states per peer ({@code bgp.max.prefixes.per.peer}, 2,000,000)
 * @param sweepBatch         prefix states examined for expiry per window close ({@code bgp.sweep.batch}, 50,000)
 * @param rekey              re-key the inputs by entity first, for producers that do not key by entity ({@code rekey}, false)
 */
public record AggregatorSettings(Duration bgpWindow, Duration bgpAdvance, Duration bgpGrace, Duration originGrace,
                                 Duration telemetryWindow, Duration telemetryAdvance, Duration telemetryGrace,
                                 Duration maxFuture, Duration withdrawnTtl, Duration stateTtl, long maxPrefixesPerPeer,
                                 int sweepBatch, boolean rekey) {
    private static final String P = "vigil.aggregator.";

    public static AggregatorSettings from(VigilConfig c) {
        Duration bgpWindow = c.getDuration(P + "bgp.window", Duration.ofMinutes(1));
        Duration telemetryWindow = c.getDuration(P + "telemetry.window", Duration.ofMinutes(5));
        return new AggregatorSettings(bgpWindow, c.getDuration(P + "bgp.advance", bgpWindow),
                c.getDuration(P + "bgp.grace", Duration.ofSeconds(30)),
                c.getDuration(P + "bgp.origin.grace", bgpWindow.multipliedBy(2)),
                telemetryWindow, c.getDuration(P + "telemetry.advance", telemetryWindow),
                c.getDuration(P + "telemetry.grace", Duration.ofSeconds(30)),
                c.getDuration(P + "max.future", Duration.ofMinutes(5)),
                c.getDuration(P + "bgp.withdrawn.ttl", Duration.ofHours(24)),
                c.getDuration(P + "bgp.state.ttl", Duration.ofDays(30)),
                c.getLong(P + "bgp.max.prefixes.per.peer", 2_000_000),
                c.getInt(P + "bgp.sweep.batch", 50_000),
                c.getBoolean(P + "rekey", false));
    }

    public WindowSpec bgpWindows() {
        return WindowSpec.of(bgpWindow, bgpAdvance, bgpGrace);
    }

    /** Origin partials are timestamped at their window's end, so the origin side closes a window originGrace later. */
    public WindowSpec originWindows() {
        return WindowSpec.of(bgpWindow, bgpAdvance, originGrace);
    }

    public WindowSpec telemetryWindows() {
        return WindowSpec.of(telemetryWindow, telemetryAdvance, telemetryGrace);
    }
}
