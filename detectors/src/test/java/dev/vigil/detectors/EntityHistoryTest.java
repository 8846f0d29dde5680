package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityHistoryTest {
    private static final List<String> SCHEMA = List.of("a", "b");

    private static EntityHistory of(long... starts) {
        EntityHistory h = EntityHistory.EMPTY;
        for (long s : starts) {
            h = h.append(s, SCHEMA, new double[] {s, -s}, 3);
        }
        return h;
    }

    @Test
    void keepsTheLastWindowsInTimeOrder() {
        EntityHistory h = of(1, 2, 3, 4, 5);
        assertEquals(List.of(3L, 4L, 5L), h.windowStarts());
        assertArrayEquals(new double[] {5, -5}, h.rows().get(2));
    }

    @Test
    void aWindowIsNeverItsOwnHistoryAndAReplayReplacesIt() {
        EntityHistory h = of(1, 2, 3);
        assertEquals(2, h.before(3, SCHEMA).size());
        EntityHistory replayed = h.append(2, SCHEMA, new double[] {9, 9}, 3);
        assertEquals(List.of(1L, 2L, 3L), replayed.windowStarts());
        assertArrayEquals(new double[] {9, 9}, replayed.rows().get(1));
    }

    @Test
    void aSchemaChangeStartsAfresh() {
        EntityHistory h = of(1, 2);
        assertEquals(0, h.before(5, List.of("b", "a")).size());
        EntityHistory changed = h.append(3, List.of("b", "a"), new double[] {1, 2}, 3);
        assertEquals(List.of(3L), changed.windowStarts());
    }

    @Test
    void roundTripsThroughItsBytesAndUnreadableBytesGiveAnEmptyHistory() {
        EntityHistory h = of(1, 2, 3);
        EntityHistory back = EntityHistorySerde.decode(EntityHistorySerde.encode(h));
        assertEquals(h.featureNames(), back.featureNames());
        assertEquals(h.windowStarts(), back.windowStarts());
        assertArrayEquals(h.rows().get(1), back.rows().get(1));
        assertEquals(0, EntityHistorySerde.decode(new byte[] {1, 0, 0}).size());
    }
}
