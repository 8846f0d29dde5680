package dev.vigil.cli.bench;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.RequestEvent;
import dev.vigil.cli.demo.BgpGenerator;
import dev.vigil.cli.demo.DemoScenario;
import dev.vigil.cli.demo.FeedProducer;
import dev.vigil.cli.demo.TelemetryGenerator;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The demo's generators over warm-up plus measured span; injections fall after the first 40 % of it. */
record ThroughputFeed(List<List<BgpUpdate>> warmUpBgp, List<List<RequestEvent>> warmUpTelemetry,
                    List<List<BgpUpdate>> bgp, List<List<RequestEvent>> telemetry, List<BgpUpdate> closingBgp,
                    List<RequestEvent> closingTelemetry, Duration measuredSpan) {

    static ThroughputFeed generate(int events) {
        long perMinute = Math.max(1, probePerMinute());
        long measuredMinutes = Math.max(10, (events + perMinute - 1) / perMinute);
        Duration span = ThroughputSuite.WARM_UP.plusMinutes(measuredMinutes);
        DemoScenario scenario = DemoScenario.create(7, span, false, Instant.now().minus(Duration.ofMinutes(30)));
        TelemetryGenerator telemetry = new TelemetryGenerator(scenario);
        BgpGenerator bgp = new BgpGenerator(scenario);
        Duration step = Duration.ofMinutes(1);
        List<List<BgpUpdate>> wb = new ArrayList<>();
        List<List<RequestEvent>> wt = new ArrayList<>();
        List<List<BgpUpdate>> mb = new ArrayList<>();
        List<List<RequestEvent>> mt = new ArrayList<>();
        Instant t = scenario.start();
        Instant measuredStart = t.plus(ThroughputSuite.WARM_UP);
        long measured = 0;
        while (t.isBefore(scenario.end()) && (t.isBefore(measuredStart) || measured < events)) {
            List<RequestEvent> te = telemetry.events(t, step);
            List<BgpUpdate> be = bgp.updates(t, step);
            if (t.isBefore(measuredStart)) {
                wt.add(te);
                wb.add(be);
            } else {
                mt.add(te);
                mb.add(be);
                measured += te.size() + be.size();
            }
            t = t.plus(step);
        }
        // Records past the last window and its grace period, so every measured window closes.
        Instant closer = t.plus(Duration.ofMinutes(20));
        return new ThroughputFeed(wb, wt, mb, mt, bgp.updates(closer, step), telemetry.events(closer, step),
                Duration.ofMinutes(mb.size()));
    }

    /** Events per simulated minute at the start of the day the scenario begins with, from a throwaway run. */
    private static long probePerMinute() {
        DemoScenario probe = DemoScenario.create(7, ThroughputSuite.WARM_UP.plusHours(2), false, Instant.now().minus(Duration.ofMinutes(30)));
        TelemetryGenerator telemetry = new TelemetryGenerator(probe);
        BgpGenerator bgp = new BgpGenerator(probe);
        Instant t = probe.start().plus(ThroughputSuite.WARM_UP);
        long n = telemetry.events(t, Duration.ofMinutes(30)).size() + bgp.updates(t, Duration.ofMinutes(30)).size();
        return n / 30;
    }

    long measuredBgp() {
        return bgp.stream().mapToLong(List::size).sum() + closingBgp.size();
    }

    long measuredTelemetry() {
        return telemetry.stream().mapToLong(List::size).sum() + closingTelemetry.size();
    }

    long measuredEvents() {
        return measuredBgp() + measuredTelemetry();
    }

    /** Average serialised size of the measured events, weighted by their counts. */
    int averageBytes(RegistrySettings registry, Topics topics) {
        AvroSerializer<BgpUpdate> b = new AvroSerializer<>(Typed.BGP_UPDATES, registry);
        AvroSerializer<RequestEvent> r = new AvroSerializer<>(Typed.TELEMETRY_EVENTS, registry);
        long bytes = 0;
        long count = 0;
        for (int i = 0; i < Math.min(50, bgp.size()); i++) {
            for (BgpUpdate u : bgp.get(i)) {
                bytes += b.serialize(topics.name(Typed.BGP_UPDATES), u).length;
                count++;
            }
            for (RequestEvent e : telemetry.get(i)) {
                bytes += r.serialize(topics.name(Typed.TELEMETRY_EVENTS), e).length;
                count++;
            }
        }
        return count == 0 ? 100 : (int) (bytes / count);
    }

    void sendWarmUp(FeedProducer producer) {
        for (int i = 0; i < warmUpBgp.size(); i++) {
            producer.sendTelemetry(warmUpTelemetry.get(i));
            producer.sendBgp(warmUpBgp.get(i));
        }
        producer.flush();
    }

    void sendMeasured(FeedProducer producer) {
        for (int i = 0; i < bgp.size(); i++) {
            producer.sendTelemetry(telemetry.get(i));
            producer.sendBgp(bgp.get(i));
        }
        producer.sendTelemetry(closingTelemetry);
        producer.sendBgp(closingBgp);
        producer.flush();
    }
}
