package dev.vigil.cli.bench;

import dev.vigil.sketches.Quantiles;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.drift.DriftSettings;
import dev.vigil.drift.check.CheckInput;
import dev.vigil.drift.check.CheckOutcome;
import dev.vigil.drift.check.DriftChecker;
import dev.vigil.drift.check.ReferenceWindows;
import dev.vigil.drift.check.SketchPair;
import dev.vigil.drift.check.WindowSketchSource;
import dev.vigil.drift.state.ModelState;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.ingest.ReplaySource;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.csv.LabelledWindow;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.sketches.Sketch;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code vigil bench drift}, real data: does the drift monitor stay quiet on stationary real series, and does
 * it confirm a shift injected at a known time quickly? Every window goes through the app's own code: the
 * reference chosen by {@link ReferenceWindows} (auto: seasonal or rolling) from the window sketches, and the
 * decision and confirmation of {@link DriftChecker}, with the app's default policy except the minimum counts
 * (a window of real data here holds 50 to 300 values). Only the Kafka plumbing is left out: window sketches
 * live in a map instead of a window store.
 *
 * <p>Stationary series: NAB's anomaly-free series and every NAB series before its first anomaly window;
 * the SFU regular files (RIPE and BCNET); the UFAM files (1-minute bins) before their first anomalous row.
 * Injected shifts, from a window at 60 % of the stationary part on, to a third of the features (all of a
 * series with one): a level shift of 3 robust standard deviations (IQR / 1.349, or the standard deviation
 * when the IQR is 0) of the stationary part, the spread around the median tripled, and a new daily cycle of
 * 3 robust standard deviations (peaking at the shift).
 *
 * <p>Thresholds were chosen on the tuning set (NAB realKnownCause and artificialNoAnomaly) and are reported
 * on the held-out rest (NAB realTraffic and artificialWithAnomaly, SFU, UFAM) as well.
 */
public final class RealDriftSuite {
    static final double LEVEL_SHIFT_SDS = 3;
    static final double SPREAD_FACTOR = 3;
    static final double CYCLE_SDS = 3;
    static final double SHIFT_AT = 0.6;
    static final long MIN_WINDOW_VALUES = 50;
    static final int MIN_WINDOWS_BEFORE_SHIFT = 8;
    static final int DETECTION_WINDOWS = 3;
    private static final long HOUR = 3_600_000L;
    private static final LocalDate UNKNOWN_DAY = LocalDate.of(2000, 1, 1);

    /** What is injected. */
    public enum Shift { NONE, LEVEL, SPREAD, SEASONALITY }

    /** Series whose name contains this print the reasons of their drifting windows (system property). */
    private static final String TRACE = System.getProperty("vigil.bench.drift.trace");

    /** A stationary stretch of one real series. */
    record Series(String source, String name, boolean tuning, List<String> featureNames, long[] times, double[][] rows,
                  long windowMillis) {
    }

    /** One run of one series with one kind of shift. */
    public record Run(String source, String series, boolean tuning, String shift, int windowsChecked,
                      double days, int confirmedEpisodes, int confirmationsBeforeShift, Integer shiftWindow,
                      Integer detectionDelayWindows, String window, List<String> references) {
    }

    /** Totals of a set of runs. */
    public record Totals(String set, int series, double modelDays, int falseEpisodes, double falsePerModelDay,
                         int injected, int detectedWithin3, double detectedShare, Map<String, String> perShift) {
    }

    public record Report(Map<String, String> configuration, List<Totals> totals, List<Run> runs, double seconds) {
    }

    private RealDriftSuite() {
    }

    /** Runs on the datasets folder given as the first argument (default: the parent of NAB's default root). */
    public static void main(String[] args) {
        run(args.length > 0 ? Path.of(args[0]) : NabSuite.defaultRoot().getParent(), System.out);
    }

    public static Report run(Path datasets, PrintStream out) {
        long started = System.nanoTime();
        List<Series> all = new ArrayList<>();
        all.addAll(nab(datasets.resolve("nab")));
        all.addAll(bgp(datasets.resolve("bgp_sfu_ripe_rrc04"), "sfu", f -> f.contains("regular")));
        all.addAll(bgp(datasets.resolve("bgp_ufam_multi_event"), "ufam", f -> f.matches(".*_1_rrc\\d+\\.csv")));
        Map<String, String> config = configuration();
        List<Run> runs = new ArrayList<>();
        for (Series s : all) {
            for (Shift shift : Shift.values()) {
                run(s, shift, config).ifPresent(runs::add);
            }
        }
        List<Totals> totals = List.of(totals("tuning (NAB realKnownCause, artificialNoAnomaly)", runs, true),
                totals("held out (NAB realTraffic, artificialWithAnomaly; SFU; UFAM)", runs, false),
                totals("all", runs, null));
        Report report = new Report(config, totals, runs, (System.nanoTime() - started) / 1e9);
        print(report, out);
        return report;
    }

    /** The monitor's settings for the runs; recorded in the JSON. */
    static Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("vigil.drift.reference", "auto");
        c.put("vigil.drift.seasonal.period", "1d");
        c.put("vigil.drift.rolling.baseline", "7d, at least 8 windows");
        c.put("vigil.drift.min.window.count", Long.toString(MIN_WINDOW_VALUES));
        c.put("vigil.drift.min.baseline.count", Long.toString(MIN_WINDOW_VALUES));
        c.put("vigil.drift.ignore.features", "none");
        c.put("injection.level.sds", Double.toString(LEVEL_SHIFT_SDS));
        c.put("injection.spread.factor", Double.toString(SPREAD_FACTOR));
        c.put("injection.cycle.sds", Double.toString(CYCLE_SDS));
        c.put("injection.at", "first window at " + (int) (100 * SHIFT_AT) + "% of the stationary part, at least "
                + MIN_WINDOWS_BEFORE_SHIFT + " windows in; a third of the features (every third)");
        c.put("detection", "confirmed within " + DETECTION_WINDOWS + " windows of the shift, the shifted window counted as 1");
        return c;
    }

    // --- one run

    static Optional<Run> run(Series s, Shift shift, Map<String, String> config) {
        Map<String, String> settingsMap = new HashMap<>(config);
        settingsMap.put("vigil.drift.window", s.windowMillis() / 60_000 + "m");
        // Rolling span: 7 days, or 8 windows of the longer windows of sparse series.
        settingsMap.put("vigil.drift.rolling.baseline", Math.max(7 * 24 * 60, 8 * s.windowMillis() / 60_000) + "m");
        settingsMap.put("vigil.drift.performance.horizon", Math.max(24 * 60, s.windowMillis() / 60_000) + "m");
        VigilConfig vc = VigilConfig.of(DriftMonitorApp.NAME, settingsMap);
        DriftSettings settings = DriftSettings.from(vc);
        DriftChecker checker = DriftChecker.from(vc, settings.cooldown());
        long w = s.windowMillis();
        long[] windowOf = Arrays.stream(s.times()).map(t -> Math.floorDiv(t, w) * w).toArray();
        long[] starts = Arrays.stream(windowOf).distinct().sorted().toArray();
        Integer shiftIndex = null;
        double[][] rows = s.rows();
        if (shift != Shift.NONE) {
            int index = Math.max(MIN_WINDOWS_BEFORE_SHIFT, (int) (starts.length * SHIFT_AT));
            if (index + DETECTION_WINDOWS > starts.length) {
                return Optional.empty();
            }
            shiftIndex = index;
            rows = inject(s, shift, starts[index]);
            if (Arrays.deepEquals(rows, s.rows())) {
                return Optional.empty(); // a constant series: no spread to scale a shift by
            }
        }
        MapSource source = new MapSource();
        for (int i = 0; i < rows.length; i++) {
            for (int f = 0; f < s.featureNames().size(); f++) {
                double v = rows[i][f];
                if (Double.isFinite(v)) {
                    source.add(s.featureNames().get(f), windowOf[i], v);
                }
            }
        }
        ReferenceWindows references = new ReferenceWindows(source, settings);
        ModelState state = ModelState.initial(s.name(), s.source());
        int version = 1;
        List<Integer> confirmedAt = new ArrayList<>();
        int episodes = 0;
        boolean inEpisode = false;
        Map<String, Integer> referenceKinds = new TreeMap<>();
        for (int i = 0; i < starts.length; i++) {
            long start = starts[i];
            state = DriftChecker.track(state, version, start, w);
            long from = references.earliest(start, state.referenceFrom());
            boolean seasonal = references.seasonal(settings.referenceFor(s.name()), s.featureNames(), start, from);
            List<SketchPair> pairs = new ArrayList<>();
            for (String name : s.featureNames()) {
                pairs.add(references.pair(name, name, start, from, seasonal));
            }
            String note = references.describe(settings.referenceFor(s.name()), pairs.getFirst(), from,
                    state.referenceFrom() != null && state.referenceFrom() == from, null, 0);
            CheckInput in = new CheckInput(s.name(), s.source(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + w),
                    Optional.of(version), pairs, Optional.empty(), WindowCounts.EMPTY, WindowCounts.EMPTY,
                    Optional.empty(), Map.of(), note, 1);
            CheckOutcome outcome = checker.check(in, state, Instant.EPOCH);
            state = outcome.state();
            referenceKinds.merge(outcome.report().getReference().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            boolean confirmed = outcome.report().getConfirmed();
            if (TRACE != null && s.name().contains(TRACE) && (confirmed || outcome.report().getConsecutiveWindows() > 0)) {
                System.err.println(shift + " window " + i + ": " + String.join("\n    ", outcome.report().getReasons()));
            }
            if (confirmed) {
                confirmedAt.add(i);
                if (!inEpisode) {
                    episodes++;
                }
            }
            inEpisode = confirmed;
            if (outcome.request().isPresent()) {
                // The retrainer answers with a new version; its reference starts at the drift (the app's rule).
                version++;
            }
        }
        Integer shiftAt = shiftIndex;
        int before = (int) confirmedAt.stream().filter(c -> shiftAt == null || c < shiftAt).count();
        Integer delay = shiftAt == null ? null : confirmedAt.stream().filter(c -> c >= shiftAt).findFirst()
                .map(c -> c - shiftAt + 1).orElse(null);
        double days = (double) starts.length * w / (24 * HOUR);
        List<String> kinds = referenceKinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
        return Optional.of(new Run(s.source(), s.name(), s.tuning(), shift.name().toLowerCase(Locale.ROOT), starts.length,
                days, episodes, before, shiftIndex, delay, Duration.ofMillis(w).toString(), kinds));
    }

    /** The rows with the shift applied from {@code shiftStart} to every third feature with any spread. */
    static double[][] inject(Series s, Shift shift, long shiftStart) {
        double[][] rows = new double[s.rows().length][];
        int features = s.featureNames().size();
        double[] median = new double[features];
        double[] sd = new double[features];
        for (int f = 0; f < features; f++) {
            int feature = f;
            double[] before = java.util.stream.IntStream.range(0, rows.length).filter(i -> s.times()[i] < shiftStart)
                    .mapToDouble(i -> s.rows()[i][feature]).filter(Double::isFinite).sorted().toArray();
            median[f] = Quantiles.ofSorted(before, 0.5);
            double robust = (Quantiles.ofSorted(before, 0.75) - Quantiles.ofSorted(before, 0.25)) / 1.349;
            sd[f] = robust > 0 ? robust : standardDeviation(before);
        }
        for (int i = 0; i < rows.length; i++) {
            rows[i] = s.rows()[i].clone();
            long t = s.times()[i];
            if (t < shiftStart) {
                continue;
            }
            for (int f = 0; f < features; f += features == 1 ? 1 : 3) {
                if (!(sd[f] > 0)) {
                    continue;
                }
                double x = rows[i][f];
                rows[i][f] = switch (shift) {
                    case LEVEL -> x + LEVEL_SHIFT_SDS * sd[f];
                    case SPREAD -> median[f] + SPREAD_FACTOR * (x - median[f]);
                    case SEASONALITY -> x + CYCLE_SDS * sd[f] * Math.cos(2 * Math.PI * (t - shiftStart) / (24.0 * HOUR));
                    case NONE -> x;
                };
            }
        }
        return rows;
    }

    private static double standardDeviation(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1));
    }

    // --- data

    /** NAB: anomaly-free series whole, the others up to their first anomaly window. */
    static List<Series> nab(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Series> out = new ArrayList<>();
        for (NabCorpus.Series s : NabCorpus.read(root, List.of())) {
            int end = s.windows().isEmpty() ? s.times().length : s.windows().getFirst()[0];
            if (end < 2) {
                continue;
            }
            long[] times = Arrays.stream(s.times(), 0, end).mapToLong(Instant::toEpochMilli).toArray();
            double[][] rows = Arrays.stream(s.values(), 0, end).mapToObj(v -> new double[] {v}).toArray(double[][]::new);
            long window = windowFor(times);
            String group = s.relativePath().substring(0, s.relativePath().indexOf('/'));
            boolean tuning = group.equals("realKnownCause") || group.equals("artificialNoAnomaly");
            out.add(new Series("nab", s.relativePath(), tuning, List.of("value"), times, rows, window));
        }
        return out;
    }

    /** The shortest of 1, 2, 3, 4, 6, 8, 12, 24, 48 and 72 hours that holds 60 values at the series' median spacing. */
    static long windowFor(long[] times) {
        long[] gaps = new long[Math.max(1, times.length - 1)];
        for (int i = 1; i < times.length; i++) {
            gaps[i - 1] = times[i] - times[i - 1];
        }
        Arrays.sort(gaps);
        long step = Math.max(1, gaps[gaps.length / 2]);
        for (int hours : new int[] {1, 2, 3, 4, 6, 8, 12, 24, 48}) {
            if (hours * HOUR / step >= 60) {
                return hours * HOUR;
            }
        }
        return 72 * HOUR;
    }

    /** Labelled BGP files: the rows before the first anomalous one, in hourly windows of 1-minute rows. */
    static List<Series> bgp(Path folder, String source, java.util.function.Predicate<String> keep) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Series> out = new ArrayList<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".csv") && keep.test(p.getFileName().toString()))
                    .sorted().toList()) {
                List<LabelledWindow> windows = new ArrayList<>();
                try (ReplaySource<LabelledWindow> rows = Sources.labelledWindows(p, UNKNOWN_DAY)) {
                    rows.forEachRemaining(windows::add);
                }
                int end = 0;
                while (end < windows.size() && !windows.get(end).label().getAnomalous()) {
                    end++;
                }
                if (end < 2) {
                    continue;
                }
                List<LabelledWindow> normal = windows.subList(0, end);
                long[] times = normal.stream().mapToLong(r -> r.vector().getWindowStart().toEpochMilli()).toArray();
                double[][] rows = normal.stream().map(r -> r.vector().getValues().stream().mapToDouble(Double::doubleValue)
                        .toArray()).toArray(double[][]::new);
                out.add(new Series(source, p.getFileName().toString(), false,
                        List.copyOf(normal.getFirst().vector().getFeatureNames()), times, rows, HOUR));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Window sketches in memory, keyed like the app's store (here simply by feature name). */
    static final class MapSource implements WindowSketchSource {
        private final Map<String, TreeMap<Long, Sketch>> sketches = new HashMap<>();

        void add(String key, long windowStart, double value) {
            sketches.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(windowStart, s -> new Sketch()).add(value);
        }

        @Override
        public Optional<Sketch> sketch(String key, long windowStart) {
            return Optional.ofNullable(sketches.getOrDefault(key, new TreeMap<>()).get(windowStart));
        }

        @Override
        public SortedMap<Long, Sketch> windowSketches(String key, long fromStart, long toStart) {
            if (fromStart > toStart) {
                return new TreeMap<>();
            }
            return sketches.getOrDefault(key, new TreeMap<>()).subMap(fromStart, true, toStart, true);
        }
    }

    // --- figures

    static Totals totals(String name, List<Run> runs, Boolean tuning) {
        List<Run> set = runs.stream().filter(r -> tuning == null || r.tuning() == tuning).toList();
        List<Run> stationary = set.stream().filter(r -> r.shift().equals("none")).toList();
        double days = stationary.stream().mapToDouble(Run::days).sum();
        int falseEpisodes = stationary.stream().mapToInt(Run::confirmedEpisodes).sum();
        List<Run> injected = set.stream().filter(r -> !r.shift().equals("none")).toList();
        int detected = (int) injected.stream().filter(RealDriftSuite::detectedInTime).count();
        Map<String, String> perShift = new LinkedHashMap<>();
        for (Shift shift : Shift.values()) {
            if (shift == Shift.NONE) {
                continue;
            }
            List<Run> of = injected.stream().filter(r -> r.shift().equals(shift.name().toLowerCase(Locale.ROOT))).toList();
            long in = of.stream().filter(RealDriftSuite::detectedInTime).count();
            double[] delays = of.stream().filter(r -> r.detectionDelayWindows() != null)
                    .mapToDouble(Run::detectionDelayWindows).sorted().toArray();
            perShift.put(shift.name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT,
                    "%d of %d within %d windows; delay median %s, max %s", in, of.size(), DETECTION_WINDOWS,
                    delays.length == 0 ? "-" : fmt(delays[delays.length / 2]),
                    delays.length == 0 ? "-" : fmt(delays[delays.length - 1])));
        }
        return new Totals(name, stationary.size(), days, falseEpisodes, days == 0 ? 0 : falseEpisodes / days,
                injected.size(), detected, injected.isEmpty() ? Double.NaN : (double) detected / injected.size(), perShift);
    }

    static boolean detectedInTime(Run r) {
        return r.detectionDelayWindows() != null && r.detectionDelayWindows() <= DETECTION_WINDOWS
                && r.confirmationsBeforeShift() == 0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static void print(Report r, PrintStream out) {
        out.println();
        out.println("Drift monitor on real data (app's ReferenceWindows + DriftChecker; reference auto, minimum "
                + MIN_WINDOW_VALUES + " values per window; shifts: level +" + fmt(LEVEL_SHIFT_SDS) + " SD, spread x"
                + fmt(SPREAD_FACTOR) + ", new daily cycle of " + fmt(CYCLE_SDS) + " SD, to a third of the features):");
        out.printf(Locale.ROOT, "%-62s %7s %9s %13s %14s %12s%n", "set", "series", "model-days", "false episodes",
                "per model-day", "detected <=3");
        for (Totals t : r.totals()) {
            out.printf(Locale.ROOT, "%-62s %7d %9.1f %13d %14.4f %6d of %-4d (%.1f%%)%n", t.set(), t.series(), t.modelDays(),
                    t.falseEpisodes(), t.falsePerModelDay(), t.detectedWithin3(), t.injected(), 100 * t.detectedShare());
            t.perShift().forEach((k, v) -> out.printf(Locale.ROOT, "    %-12s %s%n", k, v));
        }
        List<Run> falseRuns = r.runs().stream().filter(x -> x.shift().equals("none") && x.confirmedEpisodes() > 0).toList();
        falseRuns.forEach(x -> out.printf(Locale.ROOT, "  false confirmation: %s %s (%d episodes in %d windows of %s)%n",
                x.source(), x.series(), x.confirmedEpisodes(), x.windowsChecked(), x.window()));
        r.runs().stream().filter(x -> !x.shift().equals("none") && !detectedInTime(x)).forEach(x -> out.printf(Locale.ROOT,
                "  missed in time: %s %s %s (delay %s, %d confirmations before the shift, %d windows of %s)%n", x.source(),
                x.series(), x.shift(), x.detectionDelayWindows() == null ? "never" : x.detectionDelayWindows().toString(),
                x.confirmationsBeforeShift(), x.windowsChecked(), x.window()));
        out.printf(Locale.ROOT, "%d runs in %.1f s%n", r.runs().size(), r.seconds());
    }
}
