package dev.vigil.aggregator.stream;

import dev.vigil.aggregator.telemetry.ServiceWindowFeatures;
import dev.vigil.avro.RequestEvent;
import dev.vigil.schemas.Entities;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-service request windows ({@code telemetry-service}). The event count of each service's last emitted window
 * is kept so the next vector can give its throughput change. Input must be keyed by service.
 */
final class ServiceWindowProcessor extends WindowedProcessor<RequestEvent, ServiceWindowFeatures> {
    static final Codec<ServiceWindowFeatures> CODEC = Codec.of(ServiceWindowFeatures::new, ServiceWindowFeatures::encode, ServiceWindowFeatures::decode);

    private KeyValueStore<Bytes, byte[]> previous;

    ServiceWindowProcessor(AggregatorSettings settings, LateRecords<RequestEvent> late) {
        super(AggregatorTopology.SERVICE_WINDOWS, CODEC, settings.telemetryWindows(), late);
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        super.init(context);
        previous = context.getStateStore(AggregatorTopology.SERVICE_PREVIOUS);
    }

    @Override
    long eventTime(Record<String, RequestEvent> record) {
        return record.value().getTimestamp().toEpochMilli();
    }

    @Override
    void add(Record<String, RequestEvent> record, long eventTime, long[] openStarts) {
        RequestEvent e = record.value();
        String service = Entities.service(e);
        for (long start : openStarts) {
            ServiceWindowFeatures w = accumulators.get(start, service);
            w.add(e.getLatencyMs(), e.getError(), e.getStatus());
            accumulators.put(start, service, w);
        }
    }

    @Override
    void emit(long windowStart, String service, ServiceWindowFeatures window) {
        Bytes key = Bytes.wrap(service.getBytes(StandardCharsets.UTF_8));
        byte[] last = previous.get(key);
        long previousCount = 0;
        if (last != null) {
            ByteBuffer b = ByteBuffer.wrap(last);
            previousCount = b.getLong() == windows.previousStart(windowStart) ? b.getLong() : 0;
        }
        previous.put(key, ByteBuffer.allocate(16).putLong(windowStart).putLong(window.count()).array());
        forwardVector(service, Entities.TELEMETRY_SERVICE, windowStart, ServiceWindowFeatures.NAMES,
                window.values(Instant.ofEpochMilli(windowStart), previousCount), window.count());
    }
}
