package dev.vigil.aggregator.stream;

import dev.vigil.aggregator.telemetry.MetricWindowFeatures;
import dev.vigil.avro.MetricSample;
import dev.vigil.schemas.Entities;
import org.apache.kafka.streams.processor.api.Record;

/** Per-series metric windows ({@code telemetry-metric}). Input must be keyed by series (source and metric). */
final class MetricWindowProcessor extends WindowedProcessor<MetricSample, MetricWindowFeatures> {
    static final Codec<MetricWindowFeatures> CODEC = Codec.of(MetricWindowFeatures::new, MetricWindowFeatures::encode, MetricWindowFeatures::decode);

    MetricWindowProcessor(AggregatorSettings settings, LateRecords<MetricSample> late) {
        super(AggregatorTopology.METRIC_WINDOWS, CODEC, settings.telemetryWindows(), late);
    }

    @Override
    long eventTime(Record<String, MetricSample> record) {
        return record.value().getTimestamp().toEpochMilli();
    }

    @Override
    void add(Record<String, MetricSample> record, long eventTime, long[] openStarts) {
        MetricSample s = record.value();
        String series = Entities.metric(s);
        for (long start : openStarts) {
            MetricWindowFeatures w = accumulators.get(start, series);
            w.add(eventTime, start, s.getValue());
            accumulators.put(start, series, w);
        }
    }

    @Override
    void emit(long windowStart, String series, MetricWindowFeatures window) {
        forwardVector(series, Entities.TELEMETRY_METRIC, windowStart, MetricWindowFeatures.NAMES, window.values(), window.count());
    }
}
