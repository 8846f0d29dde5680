package dev.vigil.kit.deadletter;

import dev.vigil.kit.config.VigilConfig;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record's own timestamp, unless it lies beyond {@link TimeBounds}' future bound (or is negative):
 * then the partition's time so far, so one record dated next year cannot move stream time (and with it
 * every window, grace period and punctuation of the task). The record itself still flows, and the app's
 * validation refuses it by its event time.
 */
public final class BoundedTimestampExtractor implements TimestampExtractor, Configurable {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedTimestampExtractor.class);
    private TimeBounds bounds;

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, String> vigil = new TreeMap<>();
        configs.forEach((k, v) -> {
            if (k.startsWith("vigil.input.") && v != null) {
                vigil.put(k, v.toString());
            }
        });
        bounds = TimeBounds.from(VigilConfig.of("streams", vigil));
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long now = System.currentTimeMillis();
        long timestamp = record.timestamp();
        if (bounds().mayAdvanceStreamTime(timestamp, now)) {
            return timestamp;
        }
        LOG.warn("Record {}-{}@{} has timestamp {} outside the sane range; it does not move stream time",
                record.topic(), record.partition(), record.offset(), timestamp);
        return partitionTime >= 0 ? partitionTime : now;
    }

    private TimeBounds bounds() {
        if (bounds == null) {
            configure(Map.of());
        }
        return bounds;
    }
}
