package dev.vigil.cli.bench;

import dev.vigil.sketches.Quantiles;
import dev.vigil.aggregator.telemetry.HourlyProfile;
import dev.vigil.aggregator.telemetry.Seasonality;
import dev.vigil.models.TrainingSet;
import dev.vigil.schemas.FeatureNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Per-service one-minute telemetry windows with the aggregator's {@code telemetry-service} features
 * ({@link FeatureNames#TELEMETRY_SERVICE}), simulated request by request: Poisson traffic with daily and weekly
 * seasonality and business hours, log-normal latencies, 1 % errors. Anomaly episodes of 5 to 30 minutes are
 * injected into random services, each of one kind with a random strength: error-rate spike, latency spike,
 * traffic spike, traffic drop, or a combination (errors up, latency up, traffic down). Windows of an episode
 * are labelled anomalous, and {@link #simulate} also names each window's episode kind. The same seed gives the
 * same data.
 */
public final class TelemetrySimulator {
    public static final List<String> SERVICES = List.of("checkout", "search", "payments", "login");
    /** The kind of a window outside any episode. */
    public static final String NORMAL = "normal";
    /** Episode kinds, in the order {@link Episode#random} draws them. */
    public static final List<String> KINDS = List.of("error-spike", "latency-spike", "traffic-spike", "traffic-drop", "combined");
    /** Chance that a normal minute of a service starts an episode: about 3 % of windows end up anomalous. */
    private static final double EPISODE_START = 0.0018;
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z"); // a Monday

    private final Random random;

    public TelemetrySimulator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Simulated windows and what was injected into each.
     *
     * @param windows one row per service and minute, ordered by time, each service its own entity
     * @param kinds   per row, {@link #NORMAL} or one of {@link #KINDS}
     */
    public record Simulation(TrainingSet windows, String[] kinds) {
    }

    /** {@code minutes} windows of every service, ordered by time, each service its own entity. */
    public TrainingSet generate(int minutes) {
        return simulate(minutes).windows();
    }

    /** As {@link #generate}, naming the episode kind of every window. */
    public Simulation simulate(int minutes) {
        int n = minutes * SERVICES.size();
        double[][] rows = new double[n][];
        int[] labels = new int[n];
        String[] entities = new String[n];
        long[] times = new long[n];
        String[] kinds = new String[n];
        long[] previousCount = new long[SERVICES.size()];
        HourlyProfile[] profiles = new HourlyProfile[SERVICES.size()];
        Arrays.setAll(profiles, s -> new HourlyProfile());
        int[] episodeLeft = new int[SERVICES.size()];
        Episode[] episode = new Episode[SERVICES.size()];
        for (int m = 0; m < minutes; m++) {
            Instant t = START.plusSeconds(60L * m);
            for (int s = 0; s < SERVICES.size(); s++) {
                if (episodeLeft[s] == 0 && random.nextDouble() < EPISODE_START) {
                    episodeLeft[s] = 5 + random.nextInt(26);
                    episode[s] = Episode.random(random);
                }
                Episode active = episodeLeft[s] > 0 ? episode[s] : Episode.NONE;
                int row = m * SERVICES.size() + s;
                long count = poisson(rate(s, t) * active.traffic());
                rows[row] = window(t, count, previousCount[s], profiles[s].deviationThenLearn(t, count, Duration.ofMinutes(1)),
                        latencyMedian(s, t) * active.latency(), Math.min(0.9, 0.01 + active.extraErrors()));
                labels[row] = episodeLeft[s] > 0 ? TrainingSet.ANOMALY : TrainingSet.NORMAL;
                kinds[row] = active.kind();
                entities[row] = "service:" + SERVICES.get(s);
                times[row] = t.toEpochMilli();
                previousCount[s] = count;
                episodeLeft[s] = Math.max(0, episodeLeft[s] - 1);
            }
        }
        return new Simulation(new TrainingSet(rows, FeatureNames.TELEMETRY_SERVICE, labels, entities, times), kinds);
    }

    /** How an episode bends a service's traffic, latency and errors. */
    record Episode(double traffic, double latency, double extraErrors, String kind) {
        static final Episode NONE = new Episode(1, 1, 0, NORMAL);

        static Episode random(Random r) {
            int kind = r.nextInt(KINDS.size());
            String name = KINDS.get(kind);
            return switch (kind) {
                case 0 -> new Episode(1, 1, 0.08 + 0.22 * r.nextDouble(), name);
                case 1 -> new Episode(1, 2 + 3 * r.nextDouble(), 0, name);
                case 2 -> new Episode(2.5 + 2.5 * r.nextDouble(), 1, 0, name);
                case 3 -> new Episode(0.1 + 0.25 * r.nextDouble(), 1, 0, name);
                default -> new Episode(0.4, 2 + 2 * r.nextDouble(), 0.1 + 0.15 * r.nextDouble(), name); // errors, latency up, traffic down
            };
        }
    }

    private static double rate(int service, Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        double hour = z.getHour() + z.getMinute() / 60.0;
        boolean weekend = z.getDayOfWeek().getValue() >= 6;
        double daily = 1 + 0.6 * Math.sin(2 * Math.PI * (hour - 9) / 24);
        double business = hour >= 9 && hour < 18 && !weekend ? 1.5 : 1.0;
        return 40 * (1 + 0.5 * service) * daily * business * (weekend ? 0.7 : 1.0);
    }

    private static double latencyMedian(int service, Instant t) {
        double hour = t.atZone(ZoneOffset.UTC).getHour();
        return 40 + 10 * service + 8 * Math.sin(2 * Math.PI * (hour - 9) / 24);
    }

    /** The features of one window, from its simulated requests (nearest-rank latency quantiles). */
    private double[] window(Instant t, long count, long previous, double countVsHour, double medianLatency, double errorRate) {
        double[] latencies = new double[(int) count];
        long errors = 0;
        for (int i = 0; i < count; i++) {
            latencies[i] = medianLatency * Math.exp(0.35 * random.nextGaussian());
            errors += random.nextDouble() < errorRate ? 1 : 0;
        }
        Arrays.sort(latencies);
        double[] season = Seasonality.of(t);
        return new double[] {count, count == 0 ? 0 : (double) errors / count, quantile(latencies, 0.50),
                quantile(latencies, 0.95), quantile(latencies, 0.99), (double) (count - previous) / Math.max(previous, 1),
                countVsHour, season[0], season[1], season[2], season[3]};
    }

    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : Quantiles.ofSorted(sorted, q);
    }

    /**
     * Knuth's method for small means, a rounded normal for large ones: the mean changes every window, so a
     * per-window commons-math distribution object would only add allocation.
     */
    private long poisson(double mean) {
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        long k = 0;
        double p = random.nextDouble();
        while (p > limit) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }
}
