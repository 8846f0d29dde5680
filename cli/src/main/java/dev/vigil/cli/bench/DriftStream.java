package dev.vigil.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A labelled stream of feature vectors whose normal regime shifts part way through, for {@link DriftSuite}.
 *
 * <p>Ten features share one latent load factor (so they are correlated, like request rate, latency and error
 * counts of one service). From {@code shiftWindow} the normal regime moves linearly over {@code rampWindows}
 * windows to a new one: five features' means rise by {@link #MEAN_SHIFT} standard deviations, two features'
 * spread grows by {@link #SPREAD_GROWTH}. Anomalies are injected throughout at {@code anomalyRate}, always
 * relative to the regime of their window: two or three features pushed {@code 4..7} standard deviations
 * away, so an anomaly after the shift is still an anomaly of the new regime.
 *
 * <p>Written here rather than reused from {@link TelemetrySimulator} because the suite needs one controlled
 * shift of known start and size, with no seasonality that would blur the detection delay.
 */
public final class DriftStream {
    public static final int FEATURES = 10;
    public static final double MEAN_SHIFT = 1.5;
    public static final double SPREAD_GROWTH = 1.6;
    private static final double LOADING = 0.6;

    /** One window of vectors and their labels (true = injected anomaly). */
    public record Window(int index, double[][] vectors, boolean[] anomalous) {
    }

    private final Random random;
    private final int windowSize;
    private final int shiftWindow;
    private final int rampWindows;
    private final double anomalyRate;
    private final double[] baseMean = new double[FEATURES];
    private final double[] baseSpread = new double[FEATURES];

    public DriftStream(long seed, int windowSize, int shiftWindow, int rampWindows, double anomalyRate) {
        this.random = new Random(seed);
        this.windowSize = windowSize;
        this.shiftWindow = shiftWindow;
        this.rampWindows = Math.max(1, rampWindows);
        this.anomalyRate = anomalyRate;
        for (int j = 0; j < FEATURES; j++) {
            baseMean[j] = 50 + 20 * j;
            baseSpread[j] = 2 + j;
        }
    }

    public static List<String> featureNames() {
        return IntStream.range(0, FEATURES).mapToObj(j -> "f" + j).toList();
    }

    /** How far the regime has moved at a window: 0 before the shift, 1 once the ramp is over. */
    public double shiftProgress(int window) {
        if (window < shiftWindow) {
            return 0;
        }
        return Math.min(1.0, (window - shiftWindow + 1) / (double) rampWindows);
    }

    /** The next {@code count} windows, starting at window {@code first}; call in order. */
    public List<Window> windows(int first, int count) {
        List<Window> out = new ArrayList<>(count);
        for (int w = first; w < first + count; w++) {
            out.add(window(w));
        }
        return out;
    }

    private Window window(int index) {
        double progress = shiftProgress(index);
        double[] mean = new double[FEATURES];
        double[] spread = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            mean[j] = baseMean[j] + (j < 5 ? progress * MEAN_SHIFT * baseSpread[j] : 0);
            spread[j] = baseSpread[j] * (j == 7 || j == 8 ? 1 + progress * (SPREAD_GROWTH - 1) : 1);
        }
        double[][] vectors = new double[windowSize][];
        boolean[] anomalous = new boolean[windowSize];
        for (int i = 0; i < windowSize; i++) {
            double load = random.nextGaussian();
            double[] v = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                double z = LOADING * load + Math.sqrt(1 - LOADING * LOADING) * random.nextGaussian();
                v[j] = mean[j] + spread[j] * z;
            }
            if (random.nextDouble() < anomalyRate) {
                anomalous[i] = true;
                int affected = 2 + random.nextInt(2);
                for (int k = 0; k < affected; k++) {
                    int j = random.nextInt(FEATURES);
                    double sign = random.nextBoolean() ? 1 : -1;
                    v[j] = mean[j] + sign * spread[j] * (4 + 3 * random.nextDouble());
                }
            }
            vectors[i] = v;
        }
        return new Window(index, vectors, anomalous);
    }
}
