package dev.vigil.retrainer;

import dev.vigil.avro.Label;
import dev.vigil.models.TrainingSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Chooses training rows: a domain's vectors whose window starts in the training range, plus every
 * labelled vector still on the topic however old, so a new model learns new patterns without forgetting
 * labelled old ones; only the domain's {@link FeatureSelection selected features} are kept. Vectors are
 * de-duplicated by entity and window (the last one read wins), rows that
 * do not have the newest feature schema are dropped, and the newest part becomes the time-ordered holdout.
 *
 * <p>When a drift request reports when the new regime began ({@code changedSince}), the rows selected for their
 * time start there instead of at the window's start, so the models learn the new regime and the holdout (the
 * newest rows) judges them on it. If those rows are not enough, the whole window is used and the reason kept, and the
 * holdout is the second and fourth quarter of the time since the change ({@link #CHANGE_BLOCKS}): with the newest
 * fifth held out, the model trained on the old regime alone and was judged on the new one alone, so every retrain
 * soon after a change was refused (in the demo's services, 17-33 % of the new regime's windows flagged) and the
 * pre-change version, no better, kept serving; trained on the first and third quarters it flagged 0-2 %.
 */
public final class TrainingDataSelector {
    /** Blocks the time since a change is cut into when its rows cannot be trained on alone; the odd ones are held out. */
    static final int CHANGE_BLOCKS = 4;

    private final int maxSamples;
    private final double holdoutFraction;
    private final FeatureSelection selection;

    /** Training on every feature of the domain's vectors. */
    public TrainingDataSelector(int maxSamples, double holdoutFraction) {
        this(maxSamples, holdoutFraction, FeatureSelection.all());
    }

    public TrainingDataSelector(int maxSamples, double holdoutFraction, FeatureSelection features) {
        this.maxSamples = maxSamples;
        this.holdoutFraction = holdoutFraction;
        this.selection = features;
    }

    /** Why the rows since a change cannot replace the training window's rows, or empty when they can. */
    @FunctionalInterface
    public interface Sufficiency {
        Optional<String> shortfall(TrainingSelection sinceChange, TrainingSelection window);

        /** At least {@code minRows} rows since the change (labelled older rows do not count: they are not new data). */
        static Sufficiency atLeast(long minRows) {
            return (since, window) -> since.inRange() >= minRows ? Optional.empty()
                    : Optional.of(since.inRange() + " vectors since the change, need " + minRows);
        }

        default Sufficiency and(Sufficiency other) {
            return (since, window) -> {
                Optional<String> first = shortfall(since, window);
                return first.isPresent() ? first : other.shortfall(since, window);
            };
        }
    }

    /**
     * Rows from {@code changedSince} on (clamped to the window) when {@code sufficiency} accepts them, otherwise
     * the window's rows {@code [from, to)} with the reason in {@link TrainingSelection#fallback()}. Labelled rows
     * before the start are kept either way, as training material; the holdout never reaches back before it.
     *
     * @param changedSince start of the new regime, or null for the plain window
     */
    public TrainingSelection select(String domain, List<FeatureSample> samples, List<Label> labels, Instant from, Instant to,
                                    Instant changedSince, Sufficiency sufficiency) {
        if (changedSince == null) {
            return select(domain, samples, labels, from, to);
        }
        if (!changedSince.isAfter(from)) {
            // The change predates the window: every row of the window already shows the new regime.
            return select(domain, samples, labels, from, to).startingAt(changedSince);
        }
        // The window as the fallback would use it: quarters since the change held out.
        TrainingSelection window = select(domain, samples, labels, from, to, changedSince);
        TrainingSelection since = select(domain, samples, labels, changedSince, to);
        return sufficiency.shortfall(since, window)
                .map(why -> window.fallingBack(changedSince, why))
                .orElseGet(() -> since.startingAt(changedSince));
    }

    public TrainingSelection select(String domain, List<FeatureSample> samples, List<Label> labels, Instant from, Instant to) {
        return select(domain, samples, labels, from, to, null);
    }

    /** @param heldSince with a time, the holdout is the odd blocks since it ({@link #CHANGE_BLOCKS}); null: the newest rows */
    private TrainingSelection select(String domain, List<FeatureSample> samples, List<Label> labels, Instant from, Instant to,
                                     Instant heldSince) {
        Map<String, Label> labelByKey = latestLabels(domain, labels);
        List<FeatureSample> rows = latestPerWindow(domain, samples);
        List<String> schema = rows.stream().max(Comparator.comparingLong(FeatureSample::windowStart))
                .map(FeatureSample::featureNames).orElse(List.of());
        List<FeatureSample> inRange = new ArrayList<>();
        List<FeatureSample> olderLabelled = new ArrayList<>();
        for (FeatureSample s : rows) {
            if (!s.featureNames().equals(schema)) {
                continue;
            }
            boolean within = s.windowStart() >= from.toEpochMilli() && s.windowStart() < to.toEpochMilli();
            if (within) {
                inRange.add(s);
            } else if (labelByKey.containsKey(s.key())) {
                olderLabelled.add(s);
            }
        }
        inRange = capNewest(inRange, labelByKey);
        List<FeatureSample> chosen = new ArrayList<>(olderLabelled);
        chosen.addAll(inRange);
        chosen.sort(Comparator.comparingLong(FeatureSample::windowStart).thenComparing(FeatureSample::entity));
        return build(chosen, schema, selection.select(domain, schema), labelByKey, olderLabelled.size(), from.toEpochMilli(),
                heldSince == null ? null : heldSince.toEpochMilli());
    }

    /** Keeps at most {@code maxSamples} rows: every labelled one, then the newest unlabelled ones. */
    private List<FeatureSample> capNewest(List<FeatureSample> rows, Map<String, Label> labels) {
        if (rows.size() <= maxSamples) {
            return rows;
        }
        List<FeatureSample> kept = new ArrayList<>(rows.stream().filter(s -> labels.containsKey(s.key())).toList());
        List<FeatureSample> unlabelled = rows.stream().filter(s -> !labels.containsKey(s.key()))
                .sorted(Comparator.comparingLong(FeatureSample::windowStart).reversed()).toList();
        kept.addAll(unlabelled.subList(0, Math.max(0, Math.min(unlabelled.size(), maxSamples - kept.size()))));
        return kept;
    }

    private TrainingSelection build(List<FeatureSample> chosen, List<String> schema, List<String> selected, Map<String, Label> labels,
                                    long older, long rangeStart, Long heldSince) {
        int n = chosen.size();
        long[] times = chosen.stream().mapToLong(FeatureSample::windowStart).toArray();
        boolean[] held = heldOut(times, rangeStart, heldSince);
        // Training rows first, then the holdout, each in time order: holdoutStart() cuts there, and scoring with history
        // orders each entity's rows by time, so a held-out block is scored with the rows before it whichever part they are in.
        int[] order = IntStream.concat(IntStream.range(0, n).filter(i -> !held[i]),
                IntStream.range(0, n).filter(i -> held[i])).toArray();
        int holdoutRows = (int) IntStream.range(0, n).filter(i -> held[i]).count();
        int[] columns = selected.stream().mapToInt(schema::indexOf).toArray();
        double[][] features = new double[n][];
        int[] classes = new int[n];
        String[] entities = new String[n];
        long[] starts = new long[n];
        long[] ends = new long[n];
        long labelled = 0;
        for (int i = 0; i < n; i++) {
            FeatureSample s = chosen.get(order[i]);
            double[] values = s.values();
            features[i] = columns.length == schema.size() ? values : Arrays.stream(columns).mapToDouble(c -> values[c]).toArray();
            Label label = labels.get(s.key());
            classes[i] = label == null ? TrainingSet.UNKNOWN : label.getAnomalous() ? TrainingSet.ANOMALY : TrainingSet.NORMAL;
            labelled += label == null ? 0 : 1;
            entities[i] = s.entity();
            starts[i] = s.windowStart();
            ends[i] = s.windowEnd();
        }
        TrainingSet all = new TrainingSet(features, selected, classes, entities, starts);
        TrainingSet train = all.subset(range(0, n - holdoutRows));
        TrainingSet holdout = all.subset(range(n - holdoutRows, n));
        Instant first = n == 0 ? Instant.EPOCH : Instant.ofEpochMilli(times[0]);
        Instant last = n == 0 ? Instant.EPOCH : Instant.ofEpochMilli(Arrays.stream(ends).max().orElse(0));
        return new TrainingSelection(all, train, holdout, ends, first, last, labelled, older);
    }

    /** Which rows are held out: the odd blocks since {@code heldSince} when there are such blocks, else the newest rows. */
    private boolean[] heldOut(long[] times, long rangeStart, Long heldSince) {
        boolean[] blocks = heldSince == null ? null : heldBlocks(times, heldSince);
        if (blocks != null) {
            return blocks;
        }
        // Labelled rows from before the range are training material only: were there very many of them, the
        // newest fraction of all rows would reach back before the range (before a change) and validate on them.
        int n = times.length;
        int beforeRange = (int) Arrays.stream(times).filter(t -> t < rangeStart).count();
        int trainRows = Math.max((int) Math.round(n * (1 - holdoutFraction)), beforeRange);
        boolean[] held = new boolean[n];
        Arrays.fill(held, Math.min(trainRows, n), n, true);
        return held;
    }

    /**
     * The rows in the odd blocks of the time from {@code since} to the newest row, cut into {@link #CHANGE_BLOCKS}
     * equal blocks; null when fewer than two blocks hold rows (nothing to train on or nothing to judge).
     */
    static boolean[] heldBlocks(long[] sortedStarts, long since) {
        int n = sortedStarts.length;
        long newest = n == 0 ? since : sortedStarts[n - 1];
        long block = Math.max(1, (newest + 1 - since + CHANGE_BLOCKS - 1) / CHANGE_BLOCKS);
        boolean[] held = new boolean[n];
        boolean[] filled = new boolean[CHANGE_BLOCKS];
        for (int i = 0; i < n; i++) {
            if (sortedStarts[i] >= since) {
                int b = (int) Math.min(CHANGE_BLOCKS - 1, (sortedStarts[i] - since) / block);
                filled[b] = true;
                held[i] = b % 2 == 1;
            }
        }
        return (filled[0] || filled[2]) && (filled[1] || filled[3]) ? held : null;
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    /** The newest verdict on each window of the domain (labels are corrected by writing a new one). */
    static Map<String, Label> latestLabels(String domain, List<Label> labels) {
        Map<String, Label> byKey = new HashMap<>();
        for (Label l : labels) {
            if (domain.equals(l.getDomain())) {
                byKey.merge(FeatureSample.key(l.getEntity(), l.getWindowStart().toEpochMilli()), l,
                        (a, b) -> b.getLabelledAt().isBefore(a.getLabelledAt()) ? a : b);
            }
        }
        return byKey;
    }

    /** One vector per entity window of the domain: the last one read (replays and re-aggregations overwrite). */
    private static List<FeatureSample> latestPerWindow(String domain, List<FeatureSample> samples) {
        Map<String, FeatureSample> byKey = new LinkedHashMap<>();
        for (FeatureSample s : samples) {
            if (domain.equals(s.domain())) {
                byKey.remove(s.key());
                byKey.put(s.key(), s);
            }
        }
        return new ArrayList<>(byKey.values());
    }
}
