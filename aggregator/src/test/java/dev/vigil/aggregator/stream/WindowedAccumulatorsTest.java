package dev.vigil.aggregator.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write-behind of window accumulators: what reaches the store underneath, and when. */
class WindowedAccumulatorsTest {
    /** A one-number accumulator. */
    private static final Codec<long[]> COUNTER = new Codec<>() {
        public long[] create() {
            return new long[1];
        }

        public byte[] encode(long[] a) {
            return ByteBuffer.allocate(8).putLong(a[0]).array();
        }

        public long[] decode(byte[] b) {
            return new long[] {ByteBuffer.wrap(b).getLong()};
        }
    };

    private KeyValueStore<Bytes, byte[]> underneath;
    private WindowedAccumulators<long[]> accumulators;

    @BeforeEach
    void open() {
        underneath = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("windows"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        accumulators = new WindowedAccumulators<>(underneath, COUNTER);
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        accumulators.init(context.getStateStoreContext(), accumulators);
    }

    private void add(long start, String entity, long n) {
        long[] counter = accumulators.get(start, entity);
        counter[0] += n;
        accumulators.put(start, entity, counter);
    }

    private Long stored(long start, String entity) {
        byte[] bytes = underneath.get(WindowedAccumulators.key(start, entity));
        return bytes == null ? null : COUNTER.decode(bytes)[0];
    }

    @Test
    void changesReachTheStoreOnlyAtFlushOncePerAccumulator() {
        for (int i = 0; i < 1000; i++) {
            add(0, "a", 1);
        }
        assertNull(stored(0, "a"), "nothing is written before the flush that precedes a commit");
        accumulators.flushCache();
        assertEquals(1000L, stored(0, "a"));
        add(0, "a", 5);
        assertEquals(1000L, stored(0, "a"));
        accumulators.flushCache();
        assertEquals(1005L, stored(0, "a"));
    }

    @Test
    void aRestartResumesFromTheLastFlushAndForgetsTheRest() {
        add(0, "a", 3);
        accumulators.flushCache();
        add(0, "a", 4);
        accumulators.clearCache(); // what a crash leaves: the store as of the last commit
        assertEquals(3L, accumulators.get(0, "a")[0]);
    }

    @Test
    void closingEmitsLiveAndStoredWindowsInTimeOrderAndDeletesThem() {
        add(60_000, "b", 1);
        add(0, "b", 2);
        accumulators.flushCache();
        accumulators.clearCache(); // "b" windows now only in the store, as after a restart
        add(0, "a", 7);            // live only, never flushed
        add(120_000, "a", 9);      // stays open
        List<String> closed = new ArrayList<>();
        accumulators.closeThrough(60_000, (start, entity, acc) -> closed.add(start + ":" + entity + "=" + acc[0]));
        assertEquals(List.of("0:a=7", "0:b=2", "60000:b=1"), closed);
        assertNull(stored(0, "b"));
        assertNull(stored(60_000, "b"));
        accumulators.flushCache();
        assertNull(stored(0, "a"), "a closed window is not written back by a later flush");
        assertEquals(9L, stored(120_000, "a"));
    }

    @Test
    void anAccumulatorNotObtainedFromGetIsRefused() {
        assertThrows(IllegalStateException.class, () -> accumulators.put(0, "a", new long[1]));
    }
}
