package dev.vigil.aggregator.telemetry;

import dev.vigil.schemas.FeatureNames;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Features of one metric series (source and metric name) over one window: mean, min, max, last (the value with
 * the latest timestamp; on a tie the later arrival), std (population standard deviation, by Welford's update) and
 * slope (least-squares slope of value against time, in value units per second, 0 with fewer than two distinct
 * times). Times are taken relative to the window start to keep the sums small.
 */
public final class MetricWindowFeatures {
    public static final List<String> NAMES = FeatureNames.TELEMETRY_METRIC;

    private long n;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double last;
    private long lastMillis = Long.MIN_VALUE;
    private double sumT;
    private double sumTT;
    private double sumTY;
    private double sumY;

    public void add(long timestampMillis, long windowStartMillis, double value) {
        n++;
        double delta = value - mean;
        mean += delta / n;
        m2 += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (timestampMillis >= lastMillis) {
            lastMillis = timestampMillis;
            last = value;
        }
        double t = (timestampMillis - windowStartMillis) / 1000.0;
        sumT += t;
        sumTT += t * t;
        sumTY += t * value;
        sumY += value;
    }

    public long count() {
        return n;
    }

    /** The values in {@link #NAMES} order. */
    public double[] values() {
        if (n == 0) {
            return new double[NAMES.size()];
        }
        double denominator = n * sumTT - sumT * sumT;
        double slope = Math.abs(denominator) < 1e-12 ? 0 : (n * sumTY - sumT * sumY) / denominator;
        return new double[] {mean, min, max, last, Math.sqrt(m2 / n), slope};
    }

    public byte[] encode() {
        return ByteBuffer.allocate(12 * 8).putLong(n).putDouble(mean).putDouble(m2).putDouble(min).putDouble(max)
                .putDouble(last).putLong(lastMillis).putDouble(sumT).putDouble(sumTT).putDouble(sumTY).putDouble(sumY)
                .putLong(0).array();
    }

    public static MetricWindowFeatures decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        MetricWindowFeatures f = new MetricWindowFeatures();
        f.n = in.getLong();
        f.mean = in.getDouble();
        f.m2 = in.getDouble();
        f.min = in.getDouble();
        f.max = in.getDouble();
        f.last = in.getDouble();
        f.lastMillis = in.getLong();
        f.sumT = in.getDouble();
        f.sumTT = in.getDouble();
        f.sumTY = in.getDouble();
        f.sumY = in.getDouble();
        return f;
    }
}
