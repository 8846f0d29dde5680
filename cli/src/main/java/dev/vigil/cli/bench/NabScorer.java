package dev.vigil.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The Numenta Anomaly Benchmark's scoring rules (Lavin and Ahmad, "Evaluating Real-time Anomaly Detection
 * Algorithms - the Numenta Anomaly Benchmark", 2015; reference code in numenta/NAB {@code nab/sweeper.py},
 * {@code nab/optimizer.py}, {@code nab/runner.py}, weights in {@code config/profiles.json}). Written here because
 * no Java implementation exists; the rules reproduced are:
 * <ol>
 *   <li>The first {@code min(floor(0.15·n), 0.15·5000)} rows of a series are probationary and not scored.</li>
 *   <li>A row inside a window [s, e] of width w = e − s + 1 is worth σ(−(e − i + 1)/w)·A_TP/σ(−1), where
 *       σ(x) = 2/(1 + e^(−5x)) − 1 is NAB's scaled sigmoid: A_TP for the window's first row, near 0 at its end.</li>
 *   <li>A row outside every window is worth σ((i − e_prev)/(w_prev − 1))·A_FP (negative), measured from the
 *       end of the previous window; before the first window (and from 3 window-widths after one) it is −A_FP.</li>
 *   <li>At a threshold, every row whose anomaly score is at least the threshold is a detection. A window
 *       scores its best (earliest) detection, or −A_FN when it has none; every false positive adds its value.</li>
 *   <li>One threshold is chosen per detector and profile: the one that maximises the total over the corpus.</li>
 *   <li>The total is normalised as 100·(S − S_null)/(S_perfect − S_null): S_perfect = A_TP per window, S_null is
 *       the score of NAB's null detector (a constant 0.5 score, optimised the same way).</li>
 * </ol>
 */
public final class NabScorer {

    /** A profile's weights (NAB {@code config/profiles.json}). */
    public record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {
    }

    public static final Profile STANDARD = new Profile("standard", 1.0, 0.11, 1.0);
    public static final Profile REWARD_LOW_FP = new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final Profile REWARD_LOW_FN = new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0);
    public static final List<Profile> PROFILES = List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);

    /**
     * One scored series.
     *
     * @param scores  anomaly score of every row, in [0, 1], in time order
     * @param windows labelled windows as inclusive {start, end} row indices, in time order, not overlapping
     */
    public record Series(String name, double[] scores, List<int[]> windows) {
    }

    /** The optimised result of one detector under one profile. */
    public record Result(String profile, double threshold, double rawScore, double nullScore, double perfectScore,
                         double normalisedScore) {
    }

    private NabScorer() {
    }

    /** NAB's probationary length (rows excluded from scoring; detectors may learn from them). */
    public static int probationLength(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    static double scaledSigmoid(double relativePosition) {
        return relativePosition >= 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /** Scores a corpus under a profile, with NAB's optimised threshold and normalisation. */
    public static Result score(List<Series> corpus, Profile profile) {
        double[] best = optimise(corpus, profile);
        double nullScore = nullScore(corpus, profile);
        double perfect = corpus.stream().mapToInt(s -> s.windows().size()).sum() * profile.tpWeight();
        double normalised = perfect == nullScore ? 0 : 100 * (best[1] - nullScore) / (perfect - nullScore);
        return new Result(profile.name(), best[0], best[1], nullScore, perfect, normalised);
    }

    /**
     * Scores a corpus under a profile at a fixed threshold (what a user running the detector gets), normalised
     * like {@link #score}: the null detector is still NAB's, optimised.
     */
    public static Result scoreAt(List<Series> corpus, Profile profile, double threshold) {
        double raw = total(corpus, profile, threshold);
        double nullScore = nullScore(corpus, profile);
        double perfect = corpus.stream().mapToInt(s -> s.windows().size()).sum() * profile.tpWeight();
        double normalised = perfect == nullScore ? 0 : 100 * (raw - nullScore) / (perfect - nullScore);
        return new Result(profile.name(), threshold, raw, nullScore, perfect, normalised);
    }

    /** The optimised total of NAB's null detector (a constant 0.5) on the corpus's windows. */
    private static double nullScore(List<Series> corpus, Profile profile) {
        List<Series> nullDetector = corpus.stream().map(s -> {
            double[] half = new double[s.scores().length];
            Arrays.fill(half, 0.5);
            return new Series(s.name(), half, s.windows());
        }).toList();
        return optimise(nullDetector, profile)[1];
    }

    /** The corpus total when every row scoring at least {@code threshold} is a detection. */
    static double total(List<Series> corpus, Profile profile, double threshold) {
        List<Row> rows = new ArrayList<>();
        int windows = 0;
        for (Series s : corpus) {
            addRows(s, profile, windows, rows);
            windows += s.windows().size();
        }
        double[] windowPart = new double[windows];
        boolean[] scorable = new boolean[windows];
        Arrays.fill(windowPart, -profile.fnWeight());
        double falsePositives = 0;
        for (Row r : rows) {
            if (r.window() >= 0) {
                scorable[r.window()] = true;
                if (r.anomalyScore() >= threshold) {
                    windowPart[r.window()] = Math.max(windowPart[r.window()], r.value());
                }
            } else if (r.anomalyScore() >= threshold) {
                falsePositives += r.value();
            }
        }
        double total = falsePositives;
        for (int w = 0; w < windows; w++) {
            total += scorable[w] ? windowPart[w] : 0;
        }
        return total;
    }

    /** A scorable row: its anomaly score, its weighted value and the global index of its window (−1 outside). */
    private record Row(double anomalyScore, double value, int window) {
    }

    /** {threshold, total score} of the threshold that maximises the corpus total (NAB's sweep). */
    static double[] optimise(List<Series> corpus, Profile profile) {
        List<Row> rows = new ArrayList<>();
        int windows = 0;
        for (Series s : corpus) {
            addRows(s, profile, windows, rows);
            windows += s.windows().size();
        }
        rows.sort(Comparator.comparingDouble(Row::anomalyScore).reversed());
        double[] windowPart = new double[windows];
        Arrays.fill(windowPart, -profile.fnWeight());
        boolean[] scorable = new boolean[windows];
        for (Row r : rows) {
            if (r.window() >= 0) {
                scorable[r.window()] = true;
            }
        }
        // Windows that lie wholly in a probationary period have no scorable row and are left out, as in NAB.
        double total = 0;
        for (int w = 0; w < windows; w++) {
            total += scorable[w] ? windowPart[w] : 0;
        }
        double bestThreshold = 1.1;
        double bestTotal = total;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.window() < 0) {
                total += r.value();
            } else if (r.value() > windowPart[r.window()]) {
                total += r.value() - windowPart[r.window()];
                windowPart[r.window()] = r.value();
            }
            boolean lastOfThreshold = i + 1 == rows.size() || rows.get(i + 1).anomalyScore() != r.anomalyScore();
            if (lastOfThreshold && total > bestTotal) {
                bestTotal = total;
                bestThreshold = r.anomalyScore();
            }
        }
        return new double[] {bestThreshold, bestTotal};
    }

    /** NAB's weighted value of every non-probationary row of a series (sweeper.calcSweepScore). */
    private static void addRows(Series s, Profile profile, int firstWindow, List<Row> out) {
        double[] scores = s.scores();
        int probation = probationLength(scores.length);
        double maxTp = scaledSigmoid(-1.0);
        int next = 0;
        int prevEnd = -1;
        int prevWidth = 0;
        for (int i = 0; i < scores.length; i++) {
            while (next < s.windows().size() && s.windows().get(next)[1] < i) {
                prevEnd = s.windows().get(next)[1];
                prevWidth = s.windows().get(next)[1] - s.windows().get(next)[0] + 1;
                next++;
            }
            boolean inside = next < s.windows().size() && s.windows().get(next)[0] <= i;
            double value;
            if (inside) {
                int[] w = s.windows().get(next);
                double width = w[1] - w[0] + 1;
                value = scaledSigmoid(-(w[1] - i + 1) / width) * profile.tpWeight() / maxTp;
            } else if (prevEnd < 0) {
                value = -profile.fpWeight();
            } else {
                value = scaledSigmoid((i - prevEnd) / (double) Math.max(1, prevWidth - 1)) * profile.fpWeight();
            }
            if (i >= probation) {
                out.add(new Row(scores[i], value, inside ? firstWindow + next : -1));
            }
        }
    }
}
