package dev.vigil.drift.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.sketches.Sketch;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SketchWindowsTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private WindowStore<String, byte[]> underneath;
    private SketchWindows sketches;

    @BeforeEach
    void open() {
        MockProcessorContext<String, Object> context = new MockProcessorContext<>();
        underneath = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("sketches", Duration.ofDays(7), Duration.ofHours(1),
                false), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        sketches = SketchWindows.over(new FixedStore(underneath)).build();
        sketches.init(context.getStateStoreContext(), sketches);
    }

    @Test
    void addsAreReadAtOnceButReachTheStoreOnlyAtTheFlushBeforeACommit() {
        sketches.add("f|x", 0, 1.0, 2.0);
        sketches.add("f|x", 0, 3.0);
        assertEquals(3, sketches.get("f|x", 0).orElseThrow().count());
        assertNull(underneath.fetch("f|x", 0), "not encoded on every update");

        sketches.flushCache();
        assertEquals(3, Sketch.fromBytes(underneath.fetch("f|x", 0)).count());
    }

    @Test
    void aClearedCacheForgetsUncommittedAddsAndReadsTheStoreAgain() {
        sketches.add("f|x", 0, 1.0);
        sketches.flushCache();
        sketches.add("f|x", 0, 2.0, 3.0); // then the transaction aborts: Streams clears the cache
        sketches.clearCache();

        assertEquals(1, sketches.get("f|x", 0).orElseThrow().count());
        sketches.add("f|x", 0, 2.0);
        assertEquals(2, sketches.get("f|x", 0).orElseThrow().count());
    }

    @Test
    void aKeysEarlierWindowIsWrittenWhenItMovesOnAndRangesSeeBoth() {
        sketches.add("f|x", 0, 1.0);
        sketches.add("f|x", HOUR, 5.0, 6.0);
        assertNotNull(underneath.fetch("f|x", 0), "the earlier window is written back when the key moves on");

        var range = sketches.range("f|x", 0, HOUR);
        assertEquals(List.of(0L, HOUR), List.copyOf(range.keySet()));
        assertEquals(1, range.get(0L).count());
        assertEquals(2, range.get(HOUR).count());
        assertTrue(sketches.range("f|x", HOUR + 1, 2 * HOUR).isEmpty());
    }

    @Test
    void whatReadersGetIsACopy() {
        sketches.add("f|x", 0, 1.0);
        sketches.get("f|x", 0).orElseThrow().add(9.0);
        sketches.range("f|x", 0, 0).get(0L).add(9.0);
        assertEquals(1, sketches.get("f|x", 0).orElseThrow().count());
    }

    /** A builder that hands out one already-built store, so the test can look underneath. */
    private record FixedStore(WindowStore<String, byte[]> store)
            implements org.apache.kafka.streams.state.StoreBuilder<WindowStore<String, byte[]>> {
        public FixedStore withCachingEnabled() {
            return this;
        }

        public FixedStore withCachingDisabled() {
            return this;
        }

        public FixedStore withLoggingEnabled(java.util.Map<String, String> config) {
            return this;
        }

        public FixedStore withLoggingDisabled() {
            return this;
        }

        public WindowStore<String, byte[]> build() {
            return store;
        }

        public java.util.Map<String, String> logConfig() {
            return java.util.Map.of();
        }

        public boolean loggingEnabled() {
            return false;
        }

        public String name() {
            return store.name();
        }
    }
}
