package dev.vigil.retrainer.kafka;

import dev.vigil.avro.LabelRequest;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.retrainer.LabelRequestSink;
import java.util.List;

/** Sends label requests to {@code label.requests}, keyed like labels: {@code <entity>|<windowStart>}. */
public final class KafkaLabelRequestSink implements LabelRequestSink, AutoCloseable {
    private final AvroProducer<LabelRequest> producer;

    public KafkaLabelRequestSink(VigilConfig config) {
        this.producer = new AvroProducer<>(config, Typed.LABEL_REQUESTS,
                r -> r.getEntity() + "|" + r.getWindowStart().toEpochMilli());
    }

    @Override
    public void send(List<LabelRequest> requests) {
        producer.sendAll(requests);
    }

    @Override
    public void close() {
        producer.close();
    }
}
