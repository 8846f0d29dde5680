package dev.vigil.cli.bench;

import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Scored;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.adaptive.AdaptiveDetector;
import dev.vigil.models.adaptive.AdaptiveSettings;
import dev.vigil.models.adaptive.AdaptiveState;
import dev.vigil.models.adaptive.AdaptiveVerdict;
import dev.vigil.models.baseline.RelativeFeatures;
import dev.vigil.models.fusion.ScoreFusion;
import dev.vigil.models.fusion.Verdict;
import dev.vigil.schemas.Entities;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * {@code vigil bench detect --suite bgp}: leave-one-event-out over the labelled BGP feature files of a folder. Each
 * event (the UFAM {@code <event>} of a file name, or an SFU file) is held out in turn; the detectors are trained on
 * every other event and score the held-out one row by row in time order, at their shipped thresholds, and the
 * ensemble's fusion ({@link ScoreFusion#DEFAULT}, equal weights) combines their calibrated scores exactly as the
 * ensemble app does. Features are the ones all files share, each expressed relative to its own peer's rolling
 * baseline ({@link RelativeFeatures#DEFAULT}, the aggregator's), which is what the retrainer trains BGP peer models on
 * ({@code FeatureSelection}). Nothing is chosen by looking at a held-out event.
 *
 * <p>Per event: precision, recall, F1, FPR, whether any of its peers was flagged inside the anomaly window, the
 * median delay to that first flag, and false-alarm episodes (flagged normal rows less than
 * {@link #EPISODE_GAP} apart are one episode, as the ensemble's incident quiet period groups alerts) per normal
 * peer-day. Macro F1 is over the events that have anomalies; events without (regular periods) count for false
 * alarms only. Flag-all and flag-none are scored on the same rows.
 */
public final class BgpLoeo {
    /** The windows the ensemble app reports in incidents: fused verdicts through its incident rules for BGP peers. */
    /** The per-row predictions: each detector's score is one field {@code <detector>=<score>}, as many as scored the row. */
    static final String[] PREDICTIONS_HEADER = {"dataset", "file", "timestamp", "label", "detector scores...", "fused score",
            "fused flag"};
    public static final String FUSED = "fused";
    /** Every window whose fused verdict is anomalous, before the incident rules (confirmation, cooldown). */
    public static final String FUSED_WINDOWS = "fused-windows";
    /**
     * The same fusion with the per-peer adaptive detector joined in, as with {@code vigil.detectors.adaptive.domains}
     * naming the BGP domains (not the default: it lowers these figures).
     */
    public static final String FUSED_WITH_ADAPTIVE = "fused+adaptive";
    /** The detectors app's per-entity detector ({@code vigil.detectors.adaptive.*}), its shipped defaults. */
    public static final String ADAPTIVE = "adaptive";
    public static final String FLAG_ALL = "flag-all";
    public static final String FLAG_NONE = "flag-none";
    /** The ensemble's default {@code vigil.ensemble.incident.quiet}. */
    static final Duration EPISODE_GAP = Duration.ofMinutes(5);
    /** Classifier training rows per class and training event, so that every event and both classes weigh alike. */
    static final int CLASSIFIER_ROWS_PER_CLASS_AND_EVENT = 800;
    /** Unsupervised training keeps one block of this many consecutive rows in {@link #THIN_EVERY}. */
    static final int THIN_BLOCK_ROWS = 60;
    static final int THIN_EVERY = 3;

    /** What the run was: fixed before any held-out event was scored. */
    public record Configuration(String protocol, List<String> detectors, Map<String, String> unsupervisedParams,
                                Map<String, String> classifierParams, String baseline, String fusion, String weights,
                                int classifierRowsPerClassAndEvent, String unsupervisedRows, long episodeGapMinutes, long seed) {
    }

    public record EventResult(String event, int files, long rows, long anomalousRows, Confusion confusion, double precision,
                              double recall, double f1, double falsePositiveRate, boolean detected, int detectedFiles,
                              Double medianDelayMinutes, long falseAlarmEpisodes, double normalPeerDays,
                              double episodesPerNormalPeerDay) {
    }

    /** One detector (or the fusion, or a trivial baseline) over every held-out event. */
    public record DetectorResult(String detector, double macroF1, double minF1, double pooledFpr, int eventsDetected,
                                 int anomalyEvents, double maxEpisodesPerNormalPeerDayOnRegular, List<EventResult> events) {
    }

    public record DatasetReport(String dataset, String folder, List<String> skipped, int files, List<String> baseFeatures,
                                List<String> anomalyEvents, List<String> normalOnlyEvents, List<DetectorResult> detectors,
                                double seconds) {
        public DetectorResult detector(String name) {
            return detectors.stream().filter(d -> d.detector().equals(name)).findFirst().orElseThrow();
        }
    }

    public record Report(Configuration configuration, List<DatasetReport> datasets, String predictions) {
    }

    /** Training time per detector over the folds of the current dataset, for the report. */
    private static final Map<String, Double> trainSeconds = new java.util.concurrent.ConcurrentHashMap<>();

    private BgpLoeo() {
    }

    public static Configuration configuration(long seed) {
        RelativeFeatures b = RelativeFeatures.DEFAULT;
        return new Configuration("leave-one-event-out; train on every other event, test on the held-out one",
                java.util.stream.Stream.concat(BgpSuite.DETECTORS.stream(), java.util.stream.Stream.of(ADAPTIVE + " (per peer, defaults)")).toList(),
                BgpSuite.UNSUPERVISED_PARAMS, Map.of("seed", Long.toString(seed)),
                "per-peer rolling baseline: " + b.capacity() + " samples " + b.slot().toMinutes() + " min apart, first "
                        + b.warmup() + " windows as they come; a window with more than " + b.holdShare() * 100 + " % of features beyond "
                        + b.holdZ() + " robust SDs held back for up to " + b.maxHold().toHours() + " h; features f.ratio = f/(1+median), f.z = robust z",
                ScoreFusion.DEFAULT.rule().label() + " >= " + ScoreFusion.DEFAULT.threshold() + ", min detectors "
                        + ScoreFusion.DEFAULT.minDetectors() + "; incidents as the ensemble opens them for BGP peers: "
                        + IncidentWindows.defaultsFor(Entities.BGP_PEER).describe(),
                "configured (1 each)", CLASSIFIER_ROWS_PER_CLASS_AND_EVENT,
                "one block of " + THIN_BLOCK_ROWS + " consecutive rows in " + THIN_EVERY + " of every training file",
                EPISODE_GAP.toMinutes(), seed);
    }

    /** Runs every folder (name → folder) that exists, writing per-row predictions to {@code outCsv}. */
    public static Report run(Map<String, Path> folders, long seed, PrintStream out, Path outCsv) {
        Configuration config = configuration(seed);
        List<DatasetReport> reports = new ArrayList<>();
        try (CsvFile csv = CsvFile.create(outCsv, PREDICTIONS_HEADER)) {
            for (Map.Entry<String, Path> f : folders.entrySet()) {
                if (!Files.isDirectory(f.getValue())) {
                    out.println(f.getKey() + ": skipped, no folder " + f.getValue());
                    continue;
                }
                DatasetReport r = runDataset(f.getKey(), f.getValue(), seed, out, csv);
                print(r, out);
                reports.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Report(config, reports, outCsv.toString());
    }

    static DatasetReport runDataset(String dataset, Path folder, long seed, PrintStream out, CsvFile csv) throws IOException {
        long started = System.nanoTime();
        trainSeconds.clear();
        List<String> skipped = new ArrayList<>();
        List<BgpFile> read = BgpFile.smallestBin(BgpFile.readFolder(folder, out, skipped));
        List<String> shared = BgpFile.sharedFeatures(read);
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("the files of " + folder + " share no feature");
        }
        List<BgpFile> base = read.stream().map(f -> f.select(shared)).toList();
        List<BgpFile> files = base.stream().map(f -> f.relative(RelativeFeatures.DEFAULT)).toList();
        List<String> events = new ArrayList<>(new TreeSet<>(files.stream().map(BgpFile::event).toList()));
        List<String> anomalyEvents = events.stream().filter(e -> files.stream().anyMatch(f -> f.event().equals(e) && f.hasAnomalies())).toList();
        List<String> normalOnly = events.stream().filter(e -> !anomalyEvents.contains(e)).toList();
        out.printf("%s: %d files, %d events with anomalies %s, %d normal-only %s; %d shared features (x2 relative)%n",
                dataset, files.size(), anomalyEvents.size(), anomalyEvents, normalOnly.size(), normalOnly, shared.size());
        if (anomalyEvents.size() < 2) {
            throw new IllegalArgumentException(folder + " has " + anomalyEvents.size() + " events with anomalies: leave-one-out needs two");
        }
        Map<String, List<EventResult>> perDetector = new LinkedHashMap<>();
        for (String held : events) {
            List<BgpFile> train = files.stream().filter(f -> !f.event().equals(held)).toList();
            List<BgpFile> test = files.stream().filter(f -> f.event().equals(held)).toList();
            Map<String, AnomalyModel> models = train(train, seed, out);
            Map<String, List<boolean[]>> flags = new LinkedHashMap<>();
            for (BgpFile file : test) {
                BgpFile absolute = base.get(files.indexOf(file));
                Map<String, boolean[]> fileFlags = score(dataset, absolute, file, models, csv);
                fileFlags.forEach((detector, f) -> flags.computeIfAbsent(detector, d -> new ArrayList<>()).add(f));
            }
            flags.forEach((detector, perFile) -> perDetector.computeIfAbsent(detector, d -> new ArrayList<>())
                    .add(eventResult(held, test, perFile)));
        }
        out.println("training seconds over all folds: " + trainSeconds + ", total so far " + (System.nanoTime() - started) / 1e9);
        List<DetectorResult> detectors = perDetector.entrySet().stream()
                .map(e -> summary(e.getKey(), e.getValue(), anomalyEvents)).toList();
        return new DatasetReport(dataset, folder.toString(), skipped, files.size(), shared, anomalyEvents, normalOnly,
                detectors, (System.nanoTime() - started) / 1e9);
    }

    private static Map<String, AnomalyModel> train(List<BgpFile> train, long seed, PrintStream out) {
        TrainingSet all = BgpFile.trainingSet(train);
        TrainingSet balanced = balanced(all, train, seed);
        TrainingSet thinned = thinned(all);
        Map<String, AnomalyModel> models = new LinkedHashMap<>();
        for (String detector : BgpSuite.DETECTORS) {
            boolean supervised = detector.equals(Algorithms.CLASSIFIER);
            Map<String, String> params = supervised ? Map.of("seed", Long.toString(seed)) : BgpSuite.UNSUPERVISED_PARAMS;
            TrainingSet data = supervised ? balanced : thinned;
            if (!Trainers.canTrain(detector, data, params)) {
                out.println(detector + ": cannot be trained without the held-out event (too few labelled rows)");
                continue;
            }
            long started = System.nanoTime();
            models.put(detector, Trainers.train(detector, data, params));
            trainSeconds.merge(detector, (System.nanoTime() - started) / 1e9, Double::sum);
        }
        return models;
    }

    /**
     * For the unsupervised detectors: every {@link #THIN_EVERY}th block of {@link #THIN_BLOCK_ROWS} consecutive rows
     * of each file, each block its own sequence (so the forecaster never links rows across a gap); it keeps the
     * variety of every peer and event at a fraction of the training time.
     */
    static TrainingSet thinned(TrainingSet all) {
        List<Integer> keep = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        for (int[] sequence : all.sequences()) {
            for (int k = 0; k < sequence.length; k++) {
                long block = k / THIN_BLOCK_ROWS;
                if (block % THIN_EVERY == 0) {
                    keep.add(sequence[k]);
                    entities.add(all.entities()[sequence[k]] + "#" + block);
                }
            }
        }
        TrainingSet subset = all.subset(keep.stream().mapToInt(Integer::intValue).toArray());
        return new TrainingSet(subset.features(), subset.featureNames(), subset.labels(), entities.toArray(String[]::new),
                subset.timestamps());
    }

    /**
     * For the classifier: per training event, up to {@link #CLASSIFIER_ROWS_PER_CLASS_AND_EVENT} anomalous rows and
     * as many normal rows, drawn at random (seeded), so no event and neither class dominates.
     */
    static TrainingSet balanced(TrainingSet all, List<BgpFile> files, long seed) {
        Random random = new Random(seed);
        Map<String, String> eventOf = new LinkedHashMap<>();
        files.forEach(f -> eventOf.put(f.name(), f.event()));
        Map<String, List<Integer>> anomalous = new LinkedHashMap<>();
        Map<String, List<Integer>> normal = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            String event = eventOf.get(all.entities()[i]);
            (all.label(i) == TrainingSet.ANOMALY ? anomalous : normal).computeIfAbsent(event, e -> new ArrayList<>()).add(i);
        }
        List<Integer> keep = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : normal.entrySet()) {
            List<Integer> anomalies = anomalous.getOrDefault(e.getKey(), List.of());
            // A normal-only event (a regular period) still gives normal rows, as many as an event with anomalies would.
            int perClass = Math.min(CLASSIFIER_ROWS_PER_CLASS_AND_EVENT, anomalies.isEmpty() ? CLASSIFIER_ROWS_PER_CLASS_AND_EVENT : anomalies.size());
            keep.addAll(draw(anomalies, perClass, random));
            keep.addAll(draw(e.getValue(), perClass, random));
        }
        return all.subset(keep.stream().sorted().mapToInt(Integer::intValue).toArray());
    }

    private static List<Integer> draw(List<Integer> rows, int n, Random random) {
        List<Integer> copy = new ArrayList<>(rows);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    /** Flags of every detector, the fusion and the trivial baselines on one file's rows, in time order. */
    private static Map<String, boolean[]> score(String dataset, BgpFile absolute, BgpFile file, Map<String, AnomalyModel> models,
                                                CsvFile csv) {
        int n = file.features().length;
        Map<String, boolean[]> flags = new LinkedHashMap<>();
        models.keySet().forEach(d -> flags.put(d, new boolean[n]));
        // With vigil.detectors.adaptive.domains naming BGP, the detectors app would also score each peer with its own
        // adaptive detector on the whole vector the aggregator sends; shown beside the default fusion, which has none.
        AdaptiveDetector adaptive = new AdaptiveDetector(AdaptiveSettings.DEFAULTS);
        int width = absolute.featureNames().size() + file.featureNames().size();
        AdaptiveState state = adaptive.newState(width);
        boolean[] adaptiveFlags = new boolean[n];
        boolean[] fusedWithAdaptive = new boolean[n];
        boolean[] fused = new boolean[n];
        double[] fusedScores = new double[n];
        double[] withAdaptiveScores = new double[n];
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        List<double[]> rows = Arrays.asList(file.features());
        for (int i = 0; i < n; i++) {
            List<Verdict> readings = new ArrayList<>(models.size());
            List<Object> record = new ArrayList<>(List.of(dataset, file.name(), Instant.ofEpochMilli(file.starts()[i]),
                    file.anomalous()[i] ? 1 : 0));
            for (Map.Entry<String, AnomalyModel> m : models.entrySet()) {
                int h = m.getValue().historyLength();
                Scored s = m.getValue().score(file.features()[i], rows.subList(Math.max(0, i - h), i));
                flags.get(m.getKey())[i] = s.anomalous();
                readings.add(Verdict.of(m.getKey(), s.score(), s.anomalous()));
                record.add(m.getKey() + "=" + CsvFile.fourDecimals(s.score()));
            }
            double[] whole = new double[width];
            System.arraycopy(absolute.features()[i], 0, whole, 0, absolute.features()[i].length);
            System.arraycopy(file.features()[i], 0, whole, absolute.features()[i].length, file.features()[i].length);
            double withoutAdaptive = ScoreFusion.DEFAULT.combine(readings, d -> 1.0);
            fused[i] = ScoreFusion.DEFAULT.anomalous(readings, withoutAdaptive);
            fusedScores[i] = withoutAdaptive;
            AdaptiveVerdict v = adaptive.score(state, whole);
            if (state.windows() > adaptive.settings().learningWindows()) {
                adaptiveFlags[i] = v.alarm();
                readings.add(Verdict.of(ADAPTIVE, v.score(), v.alarm()));
                record.add(ADAPTIVE + "=" + CsvFile.fourDecimals(v.score()));
            }
            double combined = ScoreFusion.DEFAULT.combine(readings, d -> 1.0);
            fusedWithAdaptive[i] = ScoreFusion.DEFAULT.anomalous(readings, combined);
            withAdaptiveScores[i] = combined;
            record.add(FUSED + "=" + CsvFile.fourDecimals(withoutAdaptive));
            record.add(fused[i] ? 1 : 0);
            csv.record(record);
        }
        flags.put(ADAPTIVE, adaptiveFlags);
        IncidentWindows incidents = IncidentWindows.defaultsFor(Entities.BGP_PEER);
        flags.put(FUSED, incidents.reported(fused, fusedScores, file.starts(), file.binMillis()));
        flags.put(FUSED_WINDOWS, fused);
        flags.put(FUSED_WITH_ADAPTIVE, incidents.reported(fusedWithAdaptive, withAdaptiveScores, file.starts(), file.binMillis()));
        flags.put(FLAG_ALL, all);
        flags.put(FLAG_NONE, new boolean[n]);
        return flags;
    }

    static EventResult eventResult(String event, List<BgpFile> files, List<boolean[]> flags) {
        Confusion total = new Confusion(0, 0, 0, 0);
        int labelledFiles = 0;
        List<Double> delays = new ArrayList<>();
        long episodes = 0;
        double normalDays = 0;
        long rows = 0;
        for (int k = 0; k < files.size(); k++) {
            BgpFile file = files.get(k);
            boolean[] flagged = flags.get(k);
            total = total.plus(Confusion.of(flagged, file.anomalous()));
            rows += flagged.length;
            if (file.hasAnomalies()) {
                labelledFiles++;
                Double delay = delayInsideWindow(file, flagged);
                if (delay != null) {
                    delays.add(delay);
                }
            }
            episodes += falseAlarmEpisodes(file, flagged);
            long normalRows = 0;
            for (boolean a : file.anomalous()) {
                normalRows += a ? 0 : 1;
            }
            normalDays += normalRows * (double) file.binMillis() / Duration.ofDays(1).toMillis();
        }
        Double median = delays.isEmpty() ? null : delays.stream().sorted().toList().get((delays.size() - 1) / 2);
        return new EventResult(event, files.size(), rows, total.truePositives() + total.falseNegatives(), total,
                total.precision(), total.recall(), total.f1(), total.falsePositiveRate(), !delays.isEmpty(), delays.size(),
                median, episodes, normalDays, normalDays == 0 ? 0 : episodes / normalDays);
    }

    /** Minutes from a file's first anomalous row to the first flagged anomalous row; null when none was flagged. */
    static Double delayInsideWindow(BgpFile file, boolean[] flagged) {
        int first = -1;
        for (int i = 0; i < flagged.length; i++) {
            if (file.anomalous()[i]) {
                if (first < 0) {
                    first = i;
                }
                if (flagged[i]) {
                    return (file.starts()[i] - file.starts()[first]) / 60_000.0;
                }
            }
        }
        return null;
    }

    /** Runs of flagged normal rows, runs less than {@link #EPISODE_GAP} apart counted as one. */
    static long falseAlarmEpisodes(BgpFile file, boolean[] flagged) {
        long episodes = 0;
        long lastFalseAlarm = Long.MIN_VALUE;
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i] && !file.anomalous()[i]) {
                long start = file.starts()[i];
                if (lastFalseAlarm == Long.MIN_VALUE || start - lastFalseAlarm > EPISODE_GAP.toMillis()) {
                    episodes++;
                }
                lastFalseAlarm = start;
            }
        }
        return episodes;
    }

    static DetectorResult summary(String detector, List<EventResult> events, List<String> anomalyEvents) {
        List<EventResult> scored = events.stream().filter(e -> anomalyEvents.contains(e.event())).toList();
        double macro = scored.stream().mapToDouble(EventResult::f1).average().orElse(0);
        double min = scored.stream().mapToDouble(EventResult::f1).min().orElse(0);
        Confusion pooled = events.stream().map(EventResult::confusion).reduce(new Confusion(0, 0, 0, 0), Confusion::plus);
        int detected = (int) scored.stream().filter(EventResult::detected).count();
        double regular = events.stream().filter(e -> !anomalyEvents.contains(e.event()))
                .mapToDouble(EventResult::episodesPerNormalPeerDay).max().orElse(Double.NaN);
        return new DetectorResult(detector, macro, min, pooled.falsePositiveRate(), detected, scored.size(), regular, events);
    }

    static void print(DatasetReport r, PrintStream out) {
        out.printf("%n%s, leave-one-event-out (%d files, %.0f s): held-out event figures at the shipped thresholds%n",
                r.dataset(), r.files(), r.seconds());
        out.printf("%-18s %9s %8s %9s %8s %9s %12s%n", "detector", "macro-F1", "min-F1", "pooled-FPR", "detected",
                "FA/peer-day", "FA/day regular");
        for (DetectorResult d : r.detectors()) {
            double episodes = d.events().stream().filter(e -> r.anomalyEvents().contains(e.event()))
                    .mapToLong(EventResult::falseAlarmEpisodes).sum()
                    / Math.max(1e-9, d.events().stream().filter(e -> r.anomalyEvents().contains(e.event()))
                    .mapToDouble(EventResult::normalPeerDays).sum());
            out.printf("%-18s %8.1f%% %7.1f%% %9.2f%% %5d/%-3d %9.2f %12s%n", d.detector(), 100 * d.macroF1(), 100 * d.minF1(),
                    100 * d.pooledFpr(), d.eventsDetected(), d.anomalyEvents(), episodes,
                    Double.isNaN(d.maxEpisodesPerNormalPeerDayOnRegular()) ? "-" : String.format("%.2f", d.maxEpisodesPerNormalPeerDayOnRegular()));
        }
        out.println("Per held-out event (P/R/F1 %, FPR %, delay to first flag inside the window in min, false-alarm episodes per normal peer-day):");
        for (DetectorResult d : r.detectors()) {
            out.printf("  %s%n", d.detector());
            for (EventResult e : d.events()) {
                out.printf("    %-22s P %5.1f R %5.1f F1 %5.1f FPR %6.2f delay %6s (%d/%d peers) FA/day %6.2f%n", e.event(),
                        100 * e.precision(), 100 * e.recall(), 100 * e.f1(), 100 * e.falsePositiveRate(),
                        e.medianDelayMinutes() == null ? "-" : String.format("%.0f", e.medianDelayMinutes()),
                        e.detectedFiles(), e.anomalousRows() > 0 ? e.files() : 0, e.episodesPerNormalPeerDay());
            }
        }
    }
}
