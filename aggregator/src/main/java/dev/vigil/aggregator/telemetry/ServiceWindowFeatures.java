package dev.vigil.aggregator.telemetry;

import com.tdunning.math.stats.MergingDigest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * Request features of one service over one window. A request is an error when its error flag is set or its status
 * is 500 or more. Latency quantiles come from a t-digest (compression 100) rather than a sorted list, so memory per
 * window stays bounded whatever the request rate; the digest is exact while it holds fewer points than its
 * compression allows and within about 1% in quantile beyond that.
 */
public final class ServiceWindowFeatures {
    public static final List<String> NAMES = List.of("event_count", "error_rate", "latency_p50", "latency_p95",
            "latency_p99", "throughput_change", "hour_sin", "hour_cos", "dow_sin", "dow_cos");
    static final double COMPRESSION = 100;

    private long count;
    private long errors;
    private MergingDigest latency = new MergingDigest(COMPRESSION);

    public void add(double latencyMs, boolean error, Integer status) {
        count++;
        if (error || (status != null && status >= 500)) {
            errors++;
        }
        latency.add(latencyMs);
    }

    public long count() {
        return count;
    }

    /**
     * The values in {@link #NAMES} order. throughput_change = (count − previous) / max(previous, 1), where
     * previous is the service's event count in the window just before this one (0 when it had none).
     */
    public double[] values(Instant windowStart, long previousCount) {
        double[] s = Seasonality.of(windowStart);
        return new double[] {count, count == 0 ? 0 : (double) errors / count, quantile(0.50), quantile(0.95),
                quantile(0.99), (double) (count - previousCount) / Math.max(previousCount, 1), s[0], s[1], s[2], s[3]};
    }

    private double quantile(double q) {
        return count == 0 ? 0 : latency.quantile(q);
    }

    public byte[] encode() {
        ByteBuffer digest = ByteBuffer.allocate(latency.smallByteSize());
        latency.asSmallBytes(digest);
        return ByteBuffer.allocate(16 + digest.capacity()).putLong(count).putLong(errors).put(digest.array()).array();
    }

    public static ServiceWindowFeatures decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        ServiceWindowFeatures f = new ServiceWindowFeatures();
        f.count = in.getLong();
        f.errors = in.getLong();
        f.latency = MergingDigest.fromBytes(in);
        return f;
    }
}
