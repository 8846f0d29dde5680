package dev.vigil.kit.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TimeBoundsTest {
    private static final long NOW = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void refusesFarFutureAndAbsurdlyOldTimesAndOnlyWhenAskedTimesFarBehindTheStream() {
        TimeBounds defaults = TimeBounds.from(VigilConfig.of("t", Map.of()));
        assertNull(defaults.problem("window", NOW + DAY / 2, NOW, NOW));
        assertTrue(defaults.problem("window", NOW + 2 * DAY, NOW, NOW).contains("vigil.input.max.future"));
        assertTrue(defaults.problem("window", 0, NOW, NOW).contains("vigil.input.earliest"));
        assertNull(defaults.problem("window", Instant.parse("2001-07-19T00:00:00Z").toEpochMilli(), NOW, NOW),
                "old labelled sets replay by default");
        TimeBounds strict = TimeBounds.from(VigilConfig.of("t", Map.of("vigil.input.max.past", "7d", "vigil.input.max.future", "1h")));
        assertTrue(strict.problem("window", NOW - 8 * DAY, NOW, NOW).contains("vigil.input.max.past"));
        assertNull(strict.problem("window", NOW - 6 * DAY, NOW, NOW));
        assertTrue(strict.problem("window", NOW + 2 * 3_600_000L, NOW, NOW).contains("PT1H"));
    }

    @Test
    void aTimestampBeyondTheFutureBoundKeepsThePartitionTime() {
        BoundedTimestampExtractor extractor = new BoundedTimestampExtractor();
        extractor.configure(Map.of());
        long now = System.currentTimeMillis();
        assertEquals(now - 5000, extractor.extract(record(now - 5000), now - 10_000));
        assertEquals(now - 10_000, extractor.extract(record(now + 400 * DAY), now - 10_000), "stream time does not jump");
    }

    private static ConsumerRecord<Object, Object> record(long timestamp) {
        return new ConsumerRecord<>("t", 0, 0, timestamp, TimestampType.CREATE_TIME, 0, 0, "k", "v", new RecordHeaders(),
                java.util.Optional.empty());
    }
}
