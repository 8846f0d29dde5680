package dev.vigil.aggregator.stream;

import dev.vigil.aggregator.telemetry.HourlyProfile;
import dev.vigil.aggregator.telemetry.ServiceWindowFeatures;
import dev.vigil.avro.RequestEvent;
import dev.vigil.schemas.Entities;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-service request windows ({@code telemetry-service}). Kept per service: the event count of its last emitted
 * window, so the next vector can give its throughput change, and its {@link HourlyProfile} for {@code count_vs_hour}.
 * Input must be keyed by service.
 */
final class ServiceWindowProcessor extends WindowedProcessor<RequestEvent, ServiceWindowFeatures> {
    static final Codec<ServiceWindowFeatures> CODEC = Codec.of(ServiceWindowFeatures::new, ServiceWindowFeatures::encode, ServiceWindowFeatures::decode);

    private final Duration windowLength;
    private KeyValueStore<Bytes, byte[]> previous;

    ServiceWindowProcessor(AggregatorSettings settings, LateRecords<RequestEvent> late) {
        super(AggregatorTopology.SERVICE_WINDOWS, CODEC, settings.telemetryWindows(), late);
        this.windowLength = Duration.ofMillis(settings.telemetryWindows().sizeMillis());
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
        HourlyProfile profile = new HourlyProfile();
        if (last != null) {
            ByteBuffer b = ByteBuffer.wrap(last);
            long lastStart = b.getLong();
            long lastCount = b.getLong();
            previousCount = lastStart == windows.previousStart(windowStart) ? lastCount : 0;
            // Entries written before the profile existed hold the last window only: the profile starts afresh.
            if (b.remaining() >= HourlyProfile.BYTES) {
                profile = HourlyProfile.readFrom(b);
            }
        }
        Instant start = Instant.ofEpochMilli(windowStart);
        double countVsHour = profile.deviationThenLearn(start, window.count(), windowLength);
        ByteBuffer state = ByteBuffer.allocate(16 + HourlyProfile.BYTES).putLong(windowStart).putLong(window.count());
        profile.writeTo(state);
        previous.put(key, state.array());
        forwardVector(service, Entities.TELEMETRY_SERVICE, windowStart, ServiceWindowFeatures.NAMES,
                window.values(start, previousCount, countVsHour), window.count());
    }
}
