package dev.vigil.aggregator.stream;

import dev.vigil.aggregator.bgp.OriginWindowFeatures;
import dev.vigil.schemas.Entities;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Merges the per-origin partials of every peer task into one {@code bgp-origin} vector per origin AS and window.
 * Partials of a window arrive when each upstream task closes it, timestamped at the window end, so this side waits an extra origin grace
 * (default two windows) of partial time before it emits; a partial later than that is sent to late.records.
 */
final class BgpOriginProcessor extends WindowedProcessor<byte[], OriginWindowFeatures> {
    static final Codec<OriginWindowFeatures> CODEC = new Codec<>() {
        public OriginWindowFeatures create() {
            return new OriginWindowFeatures();
        }

        public byte[] encode(OriginWindowFeatures a) {
            return a.encode();
        }

        public OriginWindowFeatures decode(byte[] b) {
            return OriginWindowFeatures.decode(b);
        }
    };

    BgpOriginProcessor(AggregatorSettings settings, LateRecords<byte[]> late) {
        super(AggregatorTopology.BGP_ORIGIN_WINDOWS, CODEC, settings.originWindows(), late);
    }

    @Override
    long eventTime(Record<String, byte[]> record) {
        return record.timestamp();
    }

    @Override
    long[] windowStarts(byte[] value, long eventTime) {
        return new long[] {ByteBuffer.wrap(value).getLong()};
    }

    @Override
    void add(Record<String, byte[]> record, long eventTime, long[] openStarts) {
        long start = openStarts[0];
        OriginWindowFeatures merged = accumulators.get(start, record.key());
        merged.merge(OriginWindowFeatures.decode(Arrays.copyOfRange(record.value(), 8, record.value().length)));
        accumulators.put(start, record.key(), merged);
    }

    @Override
    void emit(long windowStart, String origin, OriginWindowFeatures features) {
        forwardVector(origin, Entities.BGP_ORIGIN, windowStart, OriginWindowFeatures.NAMES, features.values(), features.eventCount());
    }
}
