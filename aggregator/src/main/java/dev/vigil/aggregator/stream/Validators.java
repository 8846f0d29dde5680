package dev.vigil.aggregator.stream;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.MetricSample;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.UpdateType;
import dev.vigil.ingest.net.Prefix;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Domain checks of the inputs; each returns null for a valid record or the reason it goes to the dead-letter topic. */
public final class Validators {
    private static final long MAX_ASN = 0xffffffffL;

    private final Clock clock;
    private final Duration maxFuture;

    public Validators(Clock clock, Duration maxFuture) {
        this.clock = clock;
        this.maxFuture = maxFuture;
    }

    public String bgpUpdate(BgpUpdate u) {
        if (blank(u.getCollector())) {
            return "missing collector";
        }
        if (blank(u.getPeerAddress())) {
            return "missing peer address";
        }
        if (u.getPeerAsn() < 0 || u.getPeerAsn() > MAX_ASN) {
            return "peer ASN " + u.getPeerAsn() + " is outside 0.." + MAX_ASN;
        }
        try {
            Prefix.parse(u.getPrefix());
        } catch (IllegalArgumentException e) {
            return "invalid " + e.getMessage();
        }
        if (u.getType() == UpdateType.ANNOUNCE && u.getAsPath().stream().anyMatch(s -> s.getAsns().isEmpty())) {
            return "AS path has an empty segment";
        }
        return future(u.getTimestamp());
    }

    public String requestEvent(RequestEvent e) {
        if (blank(e.getService())) {
            return "missing service";
        }
        if (Double.isNaN(e.getLatencyMs()) || Double.isInfinite(e.getLatencyMs())) {
            return "latency is not a finite number";
        }
        if (e.getLatencyMs() < 0) {
            return "negative latency " + e.getLatencyMs() + " ms";
        }
        return future(e.getTimestamp());
    }

    public String metricSample(MetricSample s) {
        if (blank(s.getSource())) {
            return "missing source";
        }
        if (blank(s.getMetric())) {
            return "missing metric name";
        }
        if (!Double.isFinite(s.getValue())) {
            return "value is not a finite number";
        }
        return future(s.getTimestamp());
    }

    private String future(Instant timestamp) {
        if (timestamp == null) {
            return "missing timestamp";
        }
        Instant limit = clock.instant().plus(maxFuture);
        return timestamp.isAfter(limit) ? "timestamp " + timestamp + " is more than " + maxFuture + " in the future" : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
