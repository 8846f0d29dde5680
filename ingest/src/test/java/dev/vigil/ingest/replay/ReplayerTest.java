package dev.vigil.ingest.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.ReplaySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing on a fake clock: sleeps are the event-time gaps divided by the speed-up. */
class ReplayerTest {

    private static final class FakeClock implements Replayer.Clock {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    private static ReplaySource<Long> source(Long... eventTimes) {
        Iterator<Long> it = List.of(eventTimes).iterator();
        return new ReplaySource<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Long next() {
                return it.next();
            }

            @Override
            public double progress() {
                return -1;
            }

            @Override
            public void close() {
            }
        };
    }

    private static FakeClock replay(Pace pace, List<Long> sink, Long... times) throws Exception {
        FakeClock clock = new FakeClock();
        Replayer.Progress last = new Replayer(pace, Duration.ofSeconds(1), clock)
                .replay(source(times), t -> t, sink::add, p -> { });
        assertEquals(times.length, last.records());
        assertTrue(last.done());
        return clock;
    }

    @Test
    void originalPaceWaitsTheEventTimeGaps() throws Exception {
        List<Long> sink = new ArrayList<>();
        FakeClock clock = replay(Pace.original(), sink, 1_000L, 1_000L, 3_000L, 2_500L, 4_000L);
        assertEquals(List.of(1_000L, 1_000L, 3_000L, 2_500L, 4_000L), sink);
        assertEquals(List.of(2_000_000_000L, 1_000_000_000L), clock.sleeps, "2 s, nothing for the older record, then 1 s");
    }

    @Test
    void speedUpDividesTheGapsAndMaxNeverWaits() throws Exception {
        FakeClock fast = replay(Pace.speedUp(10), new ArrayList<>(), 0L, 10_000L, 20_000L);
        assertEquals(List.of(1_000_000_000L, 1_000_000_000L), fast.sleeps);
        FakeClock max = replay(Pace.asFastAsPossible(), new ArrayList<>(), 0L, 10_000L, 20_000L);
        assertEquals(List.of(), max.sleeps);
    }

    @Test
    void progressIsReportedAtIntervalsAndAtTheEnd() throws Exception {
        FakeClock clock = new FakeClock();
        List<Replayer.Progress> reports = new ArrayList<>();
        new Replayer(Pace.original(), Duration.ofSeconds(1), clock).replay(source(0L, 500L, 1_000L, 1_500L, 2_000L), t -> t, t -> { },
                reports::add);
        assertEquals(List.of(3L, 5L, 5L), reports.stream().map(Replayer.Progress::records).toList());
        assertEquals(2_000L, reports.getLast().eventTimeMillis());
        assertEquals(2.5, reports.getLast().recordsPerSecond(), 1e-9);
    }

    @Test
    void pacesParseFromText() {
        assertEquals(Pace.original(), Pace.parse("original"));
        assertEquals(Pace.speedUp(10), Pace.parse("10x"));
        assertEquals(Pace.speedUp(2.5), Pace.parse("2.5"));
        assertEquals(Pace.asFastAsPossible(), Pace.parse("max"));
        assertThrows(IllegalArgumentException.class, () -> Pace.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> Pace.parse("-2"));
    }
}
