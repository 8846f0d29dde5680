package dev.vigil.cli.demo;

import dev.vigil.kit.app.VigilApp;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The demo run headless once per seed, with the figures an operator judges alerts by: incident precision in the
 * labelled domains, injections alerted, time to the first alert, alerts before anything was injected, false alerts
 * per domain-day. Seeds 1 to 3 are the ones settings may be tuned on; figures are reported on others.
 */
public final class DemoSeeds {
    /** The seeds the demo's settings may be chosen on; the report names them and warns when they are evaluated. */
    public static final List<Long> TUNING_SEEDS = List.of(1L, 2L, 3L);

    /** One seed's figures. */
    public record SeedFigures(long seed, int incidents, int trueIncidents, double incidentPrecision, int injections,
                              int injectionsAlerted, double medianDelayWindows, int alertsBeforeFirstInjection,
                              Map<String, Double> falseAlertsPerDomainDay, double windowPrecision, double windowRecall,
                              long recordsLost, long recordsDuplicated, boolean drained, long wallSeconds, Path report) {
    }

    /** Every seed, their mean and the worst value of each figure. */
    public record Report(List<Long> tuningSeeds, Duration duration, Duration span, List<SeedFigures> seeds,
                         Map<String, Double> mean, Map<String, Double> worst) {
    }

    private DemoSeeds() {
    }

    public static Report run(List<Long> seeds, Duration duration, Duration span, Path outDir,
                             Map<String, Supplier<VigilApp>> apps, PrintStream out) throws Exception {
        List<Long> tuned = seeds.stream().filter(TUNING_SEEDS::contains).toList();
        if (!tuned.isEmpty()) {
            out.println("Note: seeds " + tuned + " are tuning seeds; figures on them say little about other seeds.");
        }
        out.printf(Locale.ROOT, "%-5s %9s %9s %9s %7s %7s %10s %10s %8s %6s%n", "seed", "incidents", "precision",
                "alerted", "delay", "before", "fp/d peer", "fp/d svc", "lost/dup", "wall");
        List<SeedFigures> figures = new ArrayList<>();
        for (long seed : seeds) {
            SeedFigures f = runOne(seed, duration, span, outDir, apps);
            figures.add(f);
            out.printf(Locale.ROOT, "%-5d %4d/%-4d %8.1f%% %5d/%-3d %7.1f %7d %10.2f %10.2f %8s %5ds%n", seed, f.trueIncidents(),
                    f.incidents(), 100 * f.incidentPrecision(), f.injectionsAlerted(), f.injections(), f.medianDelayWindows(),
                    f.alertsBeforeFirstInjection(), f.falseAlertsPerDomainDay().get(DemoSettings.EVALUATED.get(0)),
                    f.falseAlertsPerDomainDay().get(DemoSettings.EVALUATED.get(1)),
                    f.drained() ? f.recordsLost() + "/" + f.recordsDuplicated() : "undrained", f.wallSeconds());
        }
        Map<String, Double> mean = summarise(figures, false);
        Map<String, Double> worst = summarise(figures, true);
        out.printf(Locale.ROOT, "mean: precision %.1f%%, alerted %.1f of %d, median delay %.1f windows, %.1f alerts before the "
                        + "first injection, false alerts per day %.2f (bgp-peer) / %.2f (telemetry-service)%n",
                100 * mean.get("incident_precision"), mean.get("injections_alerted"), figures.getFirst().injections(),
                mean.get("median_delay_windows"), mean.get("alerts_before_first_injection"),
                mean.get("false_alerts_per_day_bgp-peer"), mean.get("false_alerts_per_day_telemetry-service"));
        out.printf(Locale.ROOT, "worst: precision %.1f%%, alerted %.0f, median delay %.1f windows, %.0f alerts before the first "
                        + "injection, false alerts per day %.2f / %.2f%n", 100 * worst.get("incident_precision"),
                worst.get("injections_alerted"), worst.get("median_delay_windows"), worst.get("alerts_before_first_injection"),
                worst.get("false_alerts_per_day_bgp-peer"), worst.get("false_alerts_per_day_telemetry-service"));
        return new Report(TUNING_SEEDS, duration, span, figures, mean, worst);
    }

    private static SeedFigures runOne(long seed, Duration duration, Duration span, Path outDir,
                                      Map<String, Supplier<VigilApp>> apps) throws Exception {
        Path report = outDir.resolve("demo-seed-" + seed);
        Files.createDirectories(report);
        DemoResult result;
        try (PrintStream log = new PrintStream(Files.newOutputStream(report.resolve("demo.log")), true, StandardCharsets.UTF_8)) {
            result = new DemoRun(new DemoRun.Options(duration, seed, true, span, report), apps, log).run();
        }
        return figures(seed, result, report);
    }

    static SeedFigures figures(long seed, DemoResult result, Path report) {
        Evaluation e = result.evaluation();
        int incidents = e.truePositiveAlerts() + e.falsePositiveAlerts();
        return new SeedFigures(seed, incidents, e.truePositiveAlerts(),
                incidents == 0 ? Double.NaN : (double) e.truePositiveAlerts() / incidents,
                result.scenario().injections().size(), e.injectionsDetected(), e.medianDetectionDelay(),
                e.alertsBeforeFirstInjection(), DemoResult.perDay(e.falsePositivesByDomain(), result.scenario().span()),
                e.windows().precision(), e.windows().recall(),
                ((Number) result.summary().get("records_lost")).longValue(),
                ((Number) result.summary().get("records_duplicated")).longValue(), (Boolean) result.summary().get("drained"),
                result.wallTime().toSeconds(), report);
    }

    /** Mean, or the worst value (lowest where higher is better, highest otherwise), of each figure over the seeds. */
    static Map<String, Double> summarise(List<SeedFigures> seeds, boolean worst) {
        Map<String, Double> out = new TreeMap<>();
        put(out, "incident_precision", seeds, SeedFigures::incidentPrecision, worst, true);
        put(out, "injections_alerted", seeds, SeedFigures::injectionsAlerted, worst, true);
        put(out, "median_delay_windows", seeds, SeedFigures::medianDelayWindows, worst, false);
        put(out, "alerts_before_first_injection", seeds, SeedFigures::alertsBeforeFirstInjection, worst, false);
        for (String domain : DemoSettings.EVALUATED) {
            put(out, "false_alerts_per_day_" + domain, seeds, f -> f.falseAlertsPerDomainDay().get(domain), worst, false);
        }
        put(out, "window_precision", seeds, SeedFigures::windowPrecision, worst, true);
        put(out, "window_recall", seeds, SeedFigures::windowRecall, worst, true);
        put(out, "records_lost", seeds, f -> Math.abs(f.recordsLost()), worst, false);
        put(out, "records_duplicated", seeds, SeedFigures::recordsDuplicated, worst, false);
        put(out, "seeds_not_drained", seeds, f -> f.drained() ? 0 : 1, worst, false);
        return out;
    }

    private static void put(Map<String, Double> out, String name, List<SeedFigures> seeds, ToDoubleFunction<SeedFigures> value,
                            boolean worst, boolean higherIsBetter) {
        var stats = seeds.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).summaryStatistics();
        double v = stats.getCount() == 0 ? Double.NaN
                : !worst ? stats.getAverage() : higherIsBetter ? stats.getMin() : stats.getMax();
        out.put(name, v);
    }

    /** Seeds from a list such as {@code 4-8} or {@code 4,6,9}. */
    public static List<Long> parse(String text) {
        List<Long> seeds = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            if (dash > 0) {
                long from = Long.parseLong(p.substring(0, dash).trim());
                long to = Long.parseLong(p.substring(dash + 1).trim());
                if (to < from) {
                    throw new IllegalArgumentException("seed range " + p + " runs backwards");
                }
                for (long s = from; s <= to; s++) {
                    seeds.add(s);
                }
            } else if (!p.isEmpty()) {
                seeds.add(Long.parseLong(p));
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds in '" + text + "'");
        }
        return List.copyOf(seeds);
    }
}
