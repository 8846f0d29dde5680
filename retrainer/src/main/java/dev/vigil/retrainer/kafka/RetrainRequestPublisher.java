package dev.vigil.retrainer.kafka;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.Topics.Typed;
import java.util.List;

/** Sends retrain requests to {@code retrain.requests}, keyed by the requested model (or domain). */
public final class RetrainRequestPublisher implements AutoCloseable {
    private final AvroProducer<RetrainRequest> producer;

    public RetrainRequestPublisher(VigilConfig config) {
        this.producer = new AvroProducer<>(config, Typed.RETRAIN_REQUESTS,
                RetrainRequest::getModel);
    }

    public void send(RetrainRequest request) {
        producer.sendAll(List.of(request));
    }

    public void sendAll(List<RetrainRequest> requests) {
        producer.sendAll(requests);
    }

    @Override
    public void close() {
        producer.close();
    }
}
