package dev.vigil.aggregator.telemetry;

import com.tdunning.math.stats.MergingDigest;
import dev.vigil.schemas.FeatureNames;
import dev.vigil.sketches.ReplayableDigest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * Request features of one service over one window. A request is an error when its error flag is set or its status
 * is 500 or more. Latency quantiles come from a t-digest (compression 100) rather than a sorted list, so memory per
 * window stays bounded whatever the request rate; the digest is exact while it holds fewer points than its
 * compression allows and within about 1% in quantile beyond that. The digest is a {@link ReplayableDigest}, so a
 * window restored from the state store after a crash or a rebalance gives the same quantiles as one that stayed in
 * memory.
 */
public final class ServiceWindowFeatures {
    public static final List<String> NAMES = FeatureNames.TELEMETRY_SERVICE;
    static final double COMPRESSION = 100;

    /** First long of the current encoding; the older one started with the count, never negative. */
    private static final long FORMAT_REPLAYABLE = -2;

    private long count;
    private long errors;
    private ReplayableDigest latency = new ReplayableDigest(COMPRESSION);

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
     * previous is the service's event count in the window just before this one (0 when it had none);
     * count_vs_hour as the service's {@link HourlyProfile} gives it.
     */
    public double[] values(Instant windowStart, long previousCount, double countVsHour) {
        double[] s = Seasonality.of(windowStart);
        double[] q = count == 0 ? new double[3] : latency.quantiles(0.50, 0.95, 0.99);
        return new double[] {count, count == 0 ? 0 : (double) errors / count, q[0], q[1], q[2],
                (double) (count - previousCount) / Math.max(previousCount, 1), countVsHour, s[0], s[1], s[2], s[3]};
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(24 + latency.byteSize()).putLong(FORMAT_REPLAYABLE).putLong(count).putLong(errors);
        latency.writeTo(out);
        return out.array();
    }

    /** Reads the current encoding, or the older one (a t-digest's small bytes) that state stores may still hold. */
    public static ServiceWindowFeatures decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        ServiceWindowFeatures f = new ServiceWindowFeatures();
        long first = in.getLong();
        if (first == FORMAT_REPLAYABLE) {
            f.count = in.getLong();
            f.errors = in.getLong();
            f.latency = ReplayableDigest.readFrom(in);
        } else {
            f.count = first;
            f.errors = in.getLong();
            MergingDigest old = MergingDigest.fromBytes(in);
            f.latency = ReplayableDigest.ofCentroids(COMPRESSION, old.centroids(), old.getMin(), old.getMax());
        }
        return f;
    }
}
