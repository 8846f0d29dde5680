package dev.vigil.sketches;

import com.tdunning.math.stats.Centroid;
import com.tdunning.math.stats.MergingDigest;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * A t-digest whose answers depend only on the values added, in order: not on when, or whether, it was encoded and
 * decoded in between. A state store can therefore write it at any commit and a restored copy goes on exactly as the
 * original would (a crash, a rebalance or a restart changes no quantile).
 *
 * <p>Why not a plain {@link MergingDigest}: every read of one ({@code asBytes}, {@code centroids}, {@code quantile})
 * first forces a merge pass that may combine centroids and flips the direction of the next pass, so the digest's state
 * depends on the wall-clock times it was written out at; and its small encoding keeps means as 32-bit floats. Here new
 * values wait in a buffer and are folded into the centroids in batches of {@value #BATCH}, each fold building a fresh
 * digest from the centroids, so the state after each fold is a pure function of the state before it. The encoding keeps
 * every centroid and every waiting value as a double.
 */
public final class ReplayableDigest {
    /** Values folded at once: a window of fewer values keeps all of them exactly. */
    static final int BATCH = 128;
    private static final int FORMAT = 1;

    private final double compression;
    private double[] means = new double[0];
    private double[] weights = new double[0];
    private final double[] pending = new double[BATCH];
    private int pendingCount;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public ReplayableDigest(double compression) {
        this.compression = compression;
    }

    /** A digest holding the given centroids, e.g. read from an older encoding. */
    public static ReplayableDigest ofCentroids(double compression, Collection<Centroid> centroids, double min, double max) {
        ReplayableDigest d = new ReplayableDigest(compression);
        d.means = centroids.stream().mapToDouble(Centroid::mean).toArray();
        d.weights = centroids.stream().mapToDouble(Centroid::count).toArray();
        d.count = Math.round(java.util.Arrays.stream(d.weights).sum());
        if (d.count > 0) {
            d.min = min;
            d.max = max;
        }
        return d;
    }

    public void add(double value) {
        pending[pendingCount++] = value;
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (pendingCount == BATCH) {
            fold();
        }
    }

    public long count() {
        return count;
    }

    /** The q-quantile of the values added; NaN when there are none. */
    public double quantile(double q) {
        return quantiles(q)[0];
    }

    /** Several quantiles from one digest (each read rebuilds it); NaN when there are no values. */
    public double[] quantiles(double... qs) {
        double[] out = new double[qs.length];
        MergingDigest digest = count == 0 ? null : digest();
        for (int i = 0; i < qs.length; i++) {
            out[i] = digest == null ? Double.NaN : digest.quantile(qs[i]);
        }
        return out;
    }

    private void fold() {
        Collection<Centroid> merged = digest().centroids();
        means = new double[merged.size()];
        weights = new double[merged.size()];
        int i = 0;
        for (Centroid c : merged) {
            means[i] = c.mean();
            weights[i] = c.count();
            i++;
        }
        pendingCount = 0;
    }

    /** A fresh digest of the centroids and the waiting values: built the same way whatever happened before. */
    private MergingDigest digest() {
        MergingDigest digest = means.length == 0 ? new MergingDigest(compression)
                : SketchCodec.toDigest(means, weights, min, max, compression);
        for (int i = 0; i < pendingCount; i++) {
            digest.add(pending[i]);
        }
        return digest;
    }

    public int byteSize() {
        return 4 + 8 + 8 + 8 + 8 + 4 + 16 * means.length + 4 + 8 * pendingCount;
    }

    /** Writes the whole state, every number a double: format, compression, count, min, max, centroids, waiting values. */
    public void writeTo(ByteBuffer out) {
        out.putInt(FORMAT).putDouble(compression).putLong(count).putDouble(min).putDouble(max);
        out.putInt(means.length);
        for (int i = 0; i < means.length; i++) {
            out.putDouble(means[i]).putDouble(weights[i]);
        }
        out.putInt(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            out.putDouble(pending[i]);
        }
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @throws SketchFormatException when the bytes are not such a digest
     */
    public static ReplayableDigest readFrom(ByteBuffer in) {
        try {
            int format = in.getInt();
            if (format != FORMAT) {
                throw new SketchFormatException("unknown digest format " + format);
            }
            ReplayableDigest d = new ReplayableDigest(in.getDouble());
            d.count = in.getLong();
            d.min = in.getDouble();
            d.max = in.getDouble();
            int centroids = in.getInt();
            if (centroids < 0 || centroids > in.remaining() / 16) {
                throw new SketchFormatException("bad centroid count " + centroids);
            }
            d.means = new double[centroids];
            d.weights = new double[centroids];
            for (int i = 0; i < centroids; i++) {
                d.means[i] = in.getDouble();
                d.weights[i] = in.getDouble();
            }
            d.pendingCount = in.getInt();
            if (d.pendingCount < 0 || d.pendingCount >= BATCH) {
                throw new SketchFormatException("bad count of waiting values " + d.pendingCount);
            }
            for (int i = 0; i < d.pendingCount; i++) {
                d.pending[i] = in.getDouble();
            }
            return d;
        } catch (java.nio.BufferUnderflowException e) {
            throw new SketchFormatException("digest bytes end early");
        }
    }
}
