package dev.vigil.cli.demo;

import dev.vigil.avro.RequestEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Request events with daily and weekly seasonality and business hours, a regime shift at the drift point,
 * and the scenario's telemetry anomalies.
 */
public final class TelemetryGenerator {
    /** Requests per minute of a service at a quiet hour. */
    private static final double BASE_RATE = 4;
    private final DemoScenario scenario;
    private final Random random;

    public TelemetryGenerator(DemoScenario scenario) {
        this.scenario = scenario;
        this.random = new Random(scenario.seed() * 31 + 7);
    }

    /** Events of every service in [from, from + step). */
    public List<RequestEvent> events(Instant from, Duration step) {
        List<RequestEvent> out = new ArrayList<>();
        for (int s = 0; s < scenario.services().size(); s++) {
            String service = scenario.services().get(s);
            Profile p = profile(service, s, from);
            int n = poisson(p.rate * step.toMillis() / 60_000.0);
            for (int i = 0; i < n; i++) {
                Instant t = from.plusMillis((long) (random.nextDouble() * step.toMillis()));
                double latency = Math.exp(Math.log(p.medianLatency) + 0.35 * random.nextGaussian());
                boolean error = random.nextDouble() < p.errorRate;
                out.add(RequestEvent.newBuilder().setService(service).setInstance(service + "-" + random.nextInt(3))
                        .setTimestamp(t).setStatus(error ? 503 : 200).setError(error).setLatencyMs(latency).build());
            }
        }
        return out;
    }

    private record Profile(double rate, double medianLatency, double errorRate) {
    }

    private Profile profile(String service, int index, Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        double hour = z.getHour() + z.getMinute() / 60.0;
        double daily = 1 + 0.6 * Math.sin(2 * Math.PI * (hour - 9) / 24);
        boolean weekend = z.getDayOfWeek().getValue() >= 6;
        double business = hour >= 9 && hour < 18 && !weekend ? 1.5 : 1.0;
        double weekly = weekend ? 0.7 : 1.0;
        double rate = BASE_RATE * (1 + 0.2 * index) * daily * business * weekly;
        double latency = 40 + 10 * index + 8 * (daily - 1);
        double errors = 0.01;
        if (scenario.drifted(t)) {
            rate *= 1.8;
            latency *= 1.5;
            errors *= 2;
        }
        String entity = dev.vigil.schemas.Entities.service(service);
        for (Injection inj : scenario.activeFor(entity, t)) {
            switch (inj.kind()) {
                case ERROR_SPIKE -> errors = 0.35;
                case LATENCY_SPIKE -> latency *= 6;
                case TRAFFIC_SPIKE -> rate *= 5;
                case TRAFFIC_DROP -> rate *= 0.08;
                case COMBINED -> {
                    errors = 0.25;
                    latency *= 4;
                    rate *= 0.4;
                }
                default -> { }
            }
        }
        return new Profile(rate, latency, errors);
    }

    private int poisson(double mean) {
        if (mean > 50) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
