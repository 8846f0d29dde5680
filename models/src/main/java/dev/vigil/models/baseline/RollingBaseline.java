package dev.vigil.models.baseline;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One entity's own recent normal, kept online: per feature, a ring of {@code capacity} samples, one taken per
 * {@code slotMillis} of window time (every window while fewer than {@code warmup} samples are held), and from
 * them a robust median and scale. With 96 samples 15 minutes apart the baseline spans the last day, so an anomaly
 * shorter than about half a day moves the median little (the median ignores up to half its samples), while a
 * lasting change of the entity's normal is taken in within a day. State is bounded (features × capacity floats)
 * and {@link #encode() encodes} for a state store. No labels are used.
 *
 * <p>Scale: 1.4826·MAD, else (MAD 0) the larger of 1.2533·mean absolute deviation (or 1 when every sample is the
 * median, as in {@code FeatureBaseline}) and {@link #LEVEL_FLOOR} of one plus the median, so a feature that was
 * constant still gets a finite z-score and a nearly constant one a stable z-score.
 */
public final class RollingBaseline {
    private static final byte FORMAT = 1;
    private static final int HEADER_BYTES = 1 + 4 + 4 + 4 + 8 + 4 + 4 + 8;

    /**
     * Smallest scale, as a share of one plus the level, of a feature most of whose samples sit on the median (MAD 0).
     * There the mean absolute deviation says only how many samples happened to differ: one 4 among 95 fives made the
     * next 4 read -77, while with no 4 at all it read -1, so more evidence that a value occurs made it look rarer. With
     * the floor a one-hop shorter longest path reads -3.3 whatever the ring holds. Sparse counts (median 0) keep their
     * scale from the mean absolute deviation down to 0.05. Chosen on {@code vigil bench detect --suite bgp} (0.05 and
     * 0.1 tried, leave-one-event-out over both BGP data sets; 0.05 was better than none on both, 0.1 worse on SFU).
     */
    static final double LEVEL_FLOOR = 0.05;

    private final int features;
    private final int capacity;
    private final int warmup;
    private final long slotMillis;
    private final float[][] ring;
    private int size;
    private int next;
    private long lastSlot = Long.MIN_VALUE;
    private double[] median;
    private double[] scale;

    public RollingBaseline(int features, int capacity, int warmup, long slotMillis) {
        if (features < 1 || capacity < 1 || warmup < 0 || warmup > capacity || slotMillis < 1) {
            throw new IllegalArgumentException("bad baseline shape: features " + features + ", capacity " + capacity
                    + ", warmup " + warmup + ", slot " + slotMillis + " ms");
        }
        this.features = features;
        this.capacity = capacity;
        this.warmup = warmup;
        this.slotMillis = slotMillis;
        this.ring = new float[features][capacity];
        refresh();
    }

    public int features() {
        return features;
    }

    /** Samples held. */
    public int size() {
        return size;
    }

    public double median(int feature) {
        return median[feature];
    }

    public double scale(int feature) {
        return scale[feature];
    }

    /** Value over one plus the absolute median: 1 is the entity's usual level whatever its volume. */
    public double ratio(int feature, double value) {
        return value / (1 + Math.abs(median[feature]));
    }

    /** Whether the ring holds {@code capacity} samples. */
    public boolean full() {
        return size == capacity;
    }

    /** Start of the slot of the newest sample, epoch milliseconds (Long.MIN_VALUE before the first). */
    public long newestSampleMillis() {
        return lastSlot == Long.MIN_VALUE ? Long.MIN_VALUE : lastSlot * slotMillis;
    }

    /** The newest sample of a feature (0 before the first). */
    public double newest(int feature) {
        return size == 0 ? 0 : ring[feature][(next - 1 + capacity) % capacity];
    }

    /** Robust z-score against the baseline. */
    public double z(int feature, double value) {
        return (value - median[feature]) / scale[feature];
    }

    /**
     * Takes a window's values into the baseline if its slot has no sample yet (or while warming up). Call after
     * the window was expressed relative to the baseline, so a window is never compared with itself.
     */
    public void update(double[] values, long windowStartMillis) {
        if (values.length != features) {
            throw new IllegalArgumentException("expected " + features + " values, got " + values.length);
        }
        long slot = Math.floorDiv(windowStartMillis, slotMillis);
        if (size >= warmup && slot == lastSlot) {
            return;
        }
        lastSlot = slot;
        for (int j = 0; j < features; j++) {
            ring[j][next] = (float) (Double.isFinite(values[j]) ? values[j] : 0);
        }
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
        refresh();
    }

    private void refresh() {
        median = new double[features];
        scale = new double[features];
        double[] column = new double[size];
        for (int j = 0; j < features; j++) {
            for (int i = 0; i < size; i++) {
                column[i] = ring[j][i];
            }
            Arrays.sort(column);
            double m = size == 0 ? 0 : middle(column);
            double[] deviations = new double[size];
            double meanDeviation = 0;
            for (int i = 0; i < size; i++) {
                deviations[i] = Math.abs(column[i] - m);
                meanDeviation += deviations[i];
            }
            Arrays.sort(deviations);
            double mad = size == 0 ? 0 : 1.4826 * middle(deviations);
            double mean = size == 0 ? 0 : 1.2533 * meanDeviation / size;
            median[j] = m;
            scale[j] = mad > 0 ? mad : Math.max(mean > 0 ? mean : 1, LEVEL_FLOOR * (1 + Math.abs(m)));
        }
    }

    private static double middle(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Bytes for a state store: format, shape, ring position, then the samples as floats. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 4 * features * size);
        // Samples go oldest first, so the ring position stored is the one a decoded copy has.
        b.put(FORMAT).putInt(features).putInt(capacity).putInt(warmup).putLong(slotMillis).putInt(size).putInt(size % capacity)
                .putLong(lastSlot);
        int oldest = size < capacity ? 0 : next;
        for (int j = 0; j < features; j++) {
            for (int k = 0; k < size; k++) {
                b.putFloat(ring[j][(oldest + k) % capacity]);
            }
        }
        return b.array();
    }

    /** The baseline {@link #encode()} wrote; throws IllegalArgumentException for damaged bytes. */
    public static RollingBaseline decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != FORMAT) {
                throw new IllegalArgumentException("unknown baseline format");
            }
            int features = b.getInt();
            int capacity = b.getInt();
            int warmup = b.getInt();
            long slotMillis = b.getLong();
            int size = b.getInt();
            b.getInt(); // ring position: samples are stored oldest first
            long lastSlot = b.getLong();
            if (size < 0 || size > capacity || bytes.length != HEADER_BYTES + 4L * features * size) {
                throw new IllegalArgumentException("baseline of " + bytes.length + " bytes does not match its shape");
            }
            RollingBaseline baseline = new RollingBaseline(features, capacity, warmup, slotMillis);
            for (int j = 0; j < features; j++) {
                for (int k = 0; k < size; k++) {
                    baseline.ring[j][k] = b.getFloat();
                }
            }
            baseline.size = size;
            baseline.next = size % capacity;
            baseline.lastSlot = lastSlot;
            baseline.refresh();
            return baseline;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated baseline", e);
        }
    }
}
