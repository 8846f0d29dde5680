package dev.vigil.cli.chaos;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.RequestEvent;
import dev.vigil.cli.demo.BgpGenerator;
import dev.vigil.cli.demo.DemoScenario;
import dev.vigil.cli.demo.FeedProducer;
import dev.vigil.cli.demo.TelemetryGenerator;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The replayed input: the demo's generators without anomalies or drift, minute by minute, then a closing minute. */
record ChaosFeed(List<List<BgpUpdate>> bgp, List<List<RequestEvent>> telemetry, long records) {
    static ChaosFeed generate(long seed, Duration span) {
        DemoScenario scenario = DemoScenario.create(seed, span, false, Instant.now().minus(Duration.ofMinutes(30)));
        TelemetryGenerator telemetry = new TelemetryGenerator(scenario);
        BgpGenerator bgp = new BgpGenerator(scenario);
        List<List<BgpUpdate>> updates = new ArrayList<>();
        List<List<RequestEvent>> events = new ArrayList<>();
        Duration minute = Duration.ofMinutes(1);
        Instant t = scenario.start();
        for (long i = 0; i < span.toMinutes(); i++, t = t.plus(minute)) {
            updates.add(bgp.updates(t, minute));
            events.add(telemetry.events(t, minute));
        }
        // Records past the last window and its grace period, so every window of the span closes.
        Instant closer = t.plus(Duration.ofMinutes(20));
        updates.add(bgp.updates(closer, minute));
        events.add(telemetry.events(closer, minute));
        long records = updates.stream().mapToLong(List::size).sum() + events.stream().mapToLong(List::size).sum();
        return new ChaosFeed(updates, events, records);
    }

    int minutes() {
        return bgp.size();
    }

    /** Sends the feed over the given wall-clock time (all at once for zero). */
    void send(VigilConfig base, Duration over) {
        try (FeedProducer producer = new FeedProducer(base.clientProperties(), RegistrySettings.from(base), new Topics(base))) {
            long perMinute = over.toNanos() / minutes();
            long begin = System.nanoTime();
            for (int i = 0; i < minutes(); i++) {
                producer.sendBgp(bgp().get(i));
                producer.sendTelemetry(telemetry().get(i));
                long wait = begin + perMinute * (i + 1) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
