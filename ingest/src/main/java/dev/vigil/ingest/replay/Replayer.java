package dev.vigil.ingest.replay;

import dev.vigil.ingest.ReplaySource;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Feeds the records of a {@link ReplaySource} to a sink (the CLI passes a Kafka producer's send) at a chosen
 * {@link Pace}: the wall-clock gap between two records is their event-time gap divided by the speed-up. A record
 * older than one already sent is sent at once. Progress is reported at most every {@code progressInterval}, and
 * once at the end, so a caller can draw a progress bar.
 */
public final class Replayer {
    /** Where the time comes from and how to wait; tests substitute a fake clock. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(Duration.ofNanos(nanos));
            }
        };
    }

    /**
     * What has been replayed so far.
     *
     * @param records        records sent to the sink
     * @param eventTimeMillis event time of the last record sent
     * @param inputFraction  share of the input consumed (0..1), or -1 when unknown
     * @param elapsed        wall-clock time since the first record
     * @param done           true for the final report
     */
    public record Progress(long records, long eventTimeMillis, double inputFraction, Duration elapsed, boolean done) {
        public double recordsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private final Pace pace;
    private final Duration progressInterval;
    private final Clock clock;

    public Replayer(Pace pace) {
        this(pace, Duration.ofMillis(500), Clock.SYSTEM);
    }

    public Replayer(Pace pace, Duration progressInterval, Clock clock) {
        this.pace = pace;
        this.progressInterval = progressInterval;
        this.clock = clock;
    }

    /** Replays every record of the source into the sink; returns the final progress. */
    public <T> Progress replay(ReplaySource<T> source, ToLongFunction<T> eventTimeMillis, Consumer<? super T> sink,
                               Consumer<Progress> progress) throws InterruptedException {
        long startNanos = clock.nanoTime();
        long lastReport = startNanos;
        long firstEventTime = Long.MIN_VALUE;
        long records = 0;
        long eventTime = 0;
        while (source.hasNext()) {
            T record = source.next();
            eventTime = eventTimeMillis.applyAsLong(record);
            if (firstEventTime == Long.MIN_VALUE) {
                firstEventTime = eventTime;
            }
            if (pace.paced()) {
                long due = startNanos + (long) ((eventTime - firstEventTime) * 1_000_000.0 / pace.speedUp());
                long wait = due - clock.nanoTime();
                if (wait > 0) {
                    clock.sleepNanos(wait);
                }
            }
            sink.accept(record);
            records++;
            long now = clock.nanoTime();
            if (now - lastReport >= progressInterval.toNanos()) {
                lastReport = now;
                progress.accept(new Progress(records, eventTime, source.progress(), Duration.ofNanos(now - startNanos), false));
            }
        }
        Progress last = new Progress(records, eventTime, source.progress(), Duration.ofNanos(clock.nanoTime() - startNanos), true);
        progress.accept(last);
        return last;
    }
}
