package dev.vigil.retrainer;

import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.ServiceApp;
import dev.vigil.retrainer.kafka.DomainCounter;
import dev.vigil.retrainer.kafka.KafkaFeatureSource;
import dev.vigil.retrainer.kafka.KafkaLabelRequestSink;
import dev.vigil.retrainer.kafka.KafkaLabelSource;
import dev.vigil.retrainer.kafka.KafkaRegistry;
import dev.vigil.retrainer.kafka.RequestLoop;
import dev.vigil.retrainer.kafka.RetrainRequestPublisher;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The retrainer service: wires the Kafka adapters to {@link RetrainService} and runs the request loop. */
public final class RetrainerApp implements ServiceApp {
    private static final Logger LOG = LoggerFactory.getLogger(RetrainerApp.class);

    @Override
    public String name() {
        return "retrainer";
    }

    @Override
    public java.util.Set<String> sourceTopics(AppContext context) {
        return java.util.Set.of(context.topic(dev.vigil.kit.topics.Topics.RETRAIN_REQUESTS));
    }

    @Override
    public Service startService(AppContext ctx) {
        RetrainerSettings settings = RetrainerSettings.from(ctx.config());
        RetrainerMetrics metrics = new RetrainerMetrics(ctx.metrics());
        KafkaRegistry registry = new KafkaRegistry(ctx.config());
        KafkaLabelRequestSink labelRequests = new KafkaLabelRequestSink(ctx.config());
        RetrainRequestPublisher publisher = new RetrainRequestPublisher(ctx.config());
        RetrainService service = new RetrainService(settings, registry, new KafkaFeatureSource(ctx.config()),
                new KafkaLabelSource(ctx.config()), labelRequests, metrics);
        AutomaticRequests automatic = new AutomaticRequests(settings);
        // With the data clock, windows are counted whatever their time: the topic's data may be far in the past.
        Instant countFrom = settings.trainingClock() == RetrainerSettings.TrainingClock.DATA ? Instant.EPOCH
                : Instant.now().minus(settings.trainingWindow());
        DomainCounter counter = new DomainCounter(ctx.config(), countFrom,
                Math.max(settings.minSamples(), 1) * 2);
        Runnable checks = () -> {
            Instant now = Instant.now();
            ModelCatalog catalog = registry.catalog();
            List<dev.vigil.avro.RetrainRequest> requests = new ArrayList<>(automatic.scheduled(catalog, now));
            boolean domainWithoutModel = settings.bootstrapDomains().stream()
                    .anyMatch(d -> catalog.models().stream().noneMatch(m -> ModelKeys.domainOf(m).equals(d)));
            Map<String, DomainCoverage> coverage = domainWithoutModel ? counter.catchUp() : Map.of();
            requests.addAll(automatic.bootstrap(catalog, coverage, now));
            if (!requests.isEmpty()) {
                publisher.sendAll(requests);
                requests.forEach(r -> {
                    metrics.automaticRequest(r.getRequester());
                    LOG.info("Requested {} retrain of {}: {}", r.getRequester(), r.getModel(), r.getReasons());
                });
            }
            service.promoteFinishedShadows(now);
        };
        RequestLoop loop = new RequestLoop(ctx, service, checks, settings.checkInterval(), metrics);
        Thread thread = new Thread(loop, "vigil-retrainer");
        thread.start();
        return new Service() {
            @Override
            public boolean ready() {
                return loop.ready() && thread.isAlive();
            }

            @Override
            public boolean live() {
                return loop.live() && thread.isAlive();
            }

            @Override
            public void close() {
                loop.stop();
                try {
                    thread.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                counter.close();
                publisher.close();
                labelRequests.close();
            }
        };
    }
}
