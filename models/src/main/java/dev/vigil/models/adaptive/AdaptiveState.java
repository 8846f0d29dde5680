package dev.vigil.models.adaptive;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the adaptive detector keeps per entity: the learning range and fixed level step of each feature, the
 * last levels seen, a bounded sequence memory, the recent surprises and the long-run statistics they are
 * compared with, and the alarm settle countdown. Mutable, owned by one scoring task; {@link #encode} and
 * {@link #decode} move it to and from a state store.
 */
public final class AdaptiveState {
    /** Format 5: format 4 and the strength of the current alarm episode's symptoms. */
    private static final int FORMAT = 5;
    /** Format 4: format 3 and, per feature, its recent trend, and the symptoms of the current alarm episode. */
    private static final int FORMAT_WITH_SYMPTOMS = 4;
    /** Format 3: format 2 (one memory table with a generation bit per slot) and the episode's peak score. */
    private static final int FORMAT_WITH_PEAK = 3;
    private static final int FORMAT_WITHOUT_PEAK = 2;

    long windows;
    long lastWindowStart = Long.MIN_VALUE;
    int features;
    double[] low;
    double[] high;
    double[] step;
    /** Symbols of the last {@code maxOrder} windows, a ring whose next write is at {@link #recentAt}. */
    int[] recent;
    int recentAt;
    /** Remembered context fingerprints of two generations (open addressing, 0 = empty, low bit = generation). */
    short[] memory;
    int generation;
    int generationSize;
    double[] surprises;
    int surpriseAt;
    double surpriseSum;
    double longMean;
    double longVariance;
    long longCount;
    int settle;
    /** Score of the current alarm episode's latest alarm. */
    double episodePeak;
    /** Per feature: the range the entity has ever shown. */
    double[] seenMin;
    double[] seenMax;
    /** Per feature: a moving average of its recent values (NaN before the first window). */
    double[] trend;
    /** Symptoms (feature and direction, see {@code AdaptiveDetector}) the current alarm episode has shown, as bits. */
    long episodeSymptoms;
    /** Move from trend (in level steps) of the symptom of the current alarm episode's latest alarm. */
    double episodeStrength;

    AdaptiveState(int features, AdaptiveSettings s) {
        this.features = features;
        this.low = filled(features, Double.POSITIVE_INFINITY);
        this.high = filled(features, Double.NEGATIVE_INFINITY);
        this.step = new double[features];
        this.recent = new int[s.maxOrder()];
        this.memory = new short[s.memorySlots()];
        this.surprises = new double[s.shortWindow()];
        this.seenMin = filled(features, Double.POSITIVE_INFINITY);
        this.seenMax = filled(features, Double.NEGATIVE_INFINITY);
        this.trend = filled(features, Double.NaN);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    public long windows() {
        return windows;
    }

    public int features() {
        return features;
    }

    /** Start (epoch millis) of the last window the caller scored with this state; {@code Long.MIN_VALUE} before any. */
    public long lastWindowStart() {
        return lastWindowStart;
    }

    public void lastWindowStart(long start) {
        this.lastWindowStart = start;
    }

    /** Size of {@link #encode}'s output. */
    public int encodedSize() {
        return 4 + 8 + 8 + 4 + features * 48 + 4 + recent.length * 4 + 4 + 4 + memory.length * 2 + 4 + 4 + 4
                + surprises.length * 8 + 4 + 8 * 3 + 8 + 4 + 8 + 8 + 8;
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(encodedSize());
        out.putInt(FORMAT).putLong(windows).putLong(lastWindowStart).putInt(features);
        for (int j = 0; j < features; j++) {
            out.putDouble(low[j]).putDouble(high[j]).putDouble(step[j]).putDouble(seenMin[j]).putDouble(seenMax[j]).putDouble(trend[j]);
        }
        out.putInt(recent.length);
        for (int r : recent) out.putInt(r);
        out.putInt(recentAt).putInt(memory.length);
        for (short m : memory) out.putShort(m);
        out.putInt(generation).putInt(generationSize).putInt(surprises.length);
        for (double d : surprises) out.putDouble(d);
        out.putInt(surpriseAt).putDouble(surpriseSum).putDouble(longMean).putDouble(longVariance).putLong(longCount)
                .putInt(settle).putDouble(episodePeak).putLong(episodeSymptoms).putDouble(episodeStrength);
        return out.array();
    }

    /** The {@link #lastWindowStart} of encoded state, read without decoding the rest (for expiry scans). */
    public static long lastWindowStartOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(12);
    }

    /**
     * Decodes {@link #encode}d state; refuses bytes written for other context lengths or short windows rather than
     * misreading them. State written with another memory size is moved to this one, so an upgrade keeps what
     * entities learned.
     */
    public static AdaptiveState decode(byte[] bytes, AdaptiveSettings s) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int format = in.getInt();
        if (format != FORMAT && format != FORMAT_WITH_SYMPTOMS && format != FORMAT_WITH_PEAK && format != FORMAT_WITHOUT_PEAK) {
            throw new IllegalArgumentException("unknown adaptive state format");
        }
        long windows = in.getLong();
        long lastWindowStart = in.getLong();
        int features = in.getInt();
        if (features < 1 || features > 10_000) {
            throw new IllegalArgumentException("adaptive state has " + features + " features");
        }
        AdaptiveState st = new AdaptiveState(features, s);
        st.windows = windows;
        st.lastWindowStart = lastWindowStart;
        for (int j = 0; j < features; j++) {
            st.low[j] = in.getDouble();
            st.high[j] = in.getDouble();
            st.step[j] = in.getDouble();
            st.seenMin[j] = in.getDouble();
            st.seenMax[j] = in.getDouble();
            // Older state has no trend: it starts again from the next window.
            st.trend[j] = format >= FORMAT_WITH_SYMPTOMS ? in.getDouble() : Double.NaN;
        }
        expect(in.getInt(), st.recent.length, "recent levels");
        for (int i = 0; i < st.recent.length; i++) st.recent[i] = in.getInt();
        st.recentAt = in.getInt();
        int slots = in.getInt();
        if (slots < 16 || slots > in.remaining() / 2) {
            throw new IllegalArgumentException("adaptive state has " + slots + " memory slots");
        }
        short[] stored = new short[slots];
        for (int i = 0; i < slots; i++) stored[i] = in.getShort();
        st.generation = in.getInt() & 1;
        st.generationSize = in.getInt();
        if (slots == st.memory.length) {
            System.arraycopy(stored, 0, st.memory, 0, slots);
        } else {
            // Written with another memory size (an upgrade): the remembered contexts move to the new table.
            st.generationSize = AdaptiveDetector.moveContexts(stored, st.memory, st.generation);
        }
        expect(in.getInt(), st.surprises.length, "short window");
        for (int i = 0; i < st.surprises.length; i++) st.surprises[i] = in.getDouble();
        st.surpriseAt = in.getInt();
        st.surpriseSum = in.getDouble();
        st.longMean = in.getDouble();
        st.longVariance = in.getDouble();
        st.longCount = in.getLong();
        st.settle = in.getInt();
        // State written before episodes kept their peak: treat an open episode as one at full strength.
        st.episodePeak = format == FORMAT_WITHOUT_PEAK ? 1.0 : in.getDouble();
        // Older state kept no symptoms: an open episode counts as having shown them all, as it behaved before.
        st.episodeSymptoms = format >= FORMAT_WITH_SYMPTOMS ? in.getLong() : -1L;
        // Nor their strength: an open episode of older state cannot be outdone by a stronger one, as before.
        st.episodeStrength = format == FORMAT ? in.getDouble() : Double.POSITIVE_INFINITY;
        return st;
    }

    private static void expect(int found, int wanted, String what) {
        if (found != wanted) {
            throw new IllegalArgumentException("adaptive state has " + found + " " + what + ", settings want " + wanted);
        }
    }
}
