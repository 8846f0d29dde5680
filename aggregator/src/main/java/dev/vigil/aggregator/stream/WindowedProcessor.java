package dev.vigil.aggregator.stream;

import dev.vigil.avro.FeatureVector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Event-time windows with a punctuated-by-data close, instead of the DSL's windowed aggregation plus suppress:
 * the DSL drops records past the grace period with only a metric, while here a late record goes to
 * {@link LateRecords}. Stream time is the largest event time this task has seen; when it passes a window's end
 * plus grace, the window's accumulators are emitted once, as final values, and deleted.
 *
 * @param <V> input value
 * @param <A> accumulator of one entity over one window
 */
abstract class WindowedProcessor<V, A> implements Processor<String, V, String, Emitted> {
    private final String storeName;
    private final Codec<A> codec;
    protected final WindowSpec windows;
    private final LateRecords<V> late;
    protected ProcessorContext<String, Emitted> context;
    protected WindowedAccumulators<A> accumulators;
    private long streamTime = Long.MIN_VALUE;
    private long closedThrough = Long.MIN_VALUE;
    private long lastCommitRequest = Long.MIN_VALUE / 2;
    static final long COMMIT_REQUEST_SPACING_MS = 5000;

    WindowedProcessor(String storeName, Codec<A> codec, WindowSpec windows, LateRecords<V> late) {
        this.storeName = storeName;
        this.codec = codec;
        this.windows = windows;
        this.late = late;
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        this.context = context;
        this.accumulators = context.getStateStore(storeName);
        // Kafka Streams re-initialises the same processor after an aborted transaction: start over from the stores.
        streamTime = Long.MIN_VALUE;
        closedThrough = Long.MIN_VALUE;
    }

    /** Event time of a value. */
    abstract long eventTime(Record<String, V> record);

    /** Window starts a value belongs to (by default those containing its event time). */
    long[] windowStarts(V value, long eventTime) {
        return windows.starts(eventTime);
    }

    /** Adds a value to its open windows. */
    abstract void add(Record<String, V> record, long eventTime, long[] openStarts);

    /** Emits one closed window of one entity. */
    abstract void emit(long windowStart, String entity, A accumulator);

    /** Called after the windows through {@code lastStart} were emitted, for subclasses with more to close. */
    void afterClose(long lastStart) {
    }

    @Override
    public void process(Record<String, V> record) {
        long eventTime = eventTime(record);
        long[] open = openStarts(windowStarts(record.value(), eventTime));
        if (open.length == 0) {
            late.send(context, record, eventTime, streamTime);
            return;
        }
        add(record, eventTime, open);
        if (eventTime > streamTime) {
            advance(eventTime); // what may close changes with stream time (and, on the origin side, with markers)
        }
    }

    /** Moves stream time to {@code eventTime} if later, and closes the windows that may close now. */
    void advance(long eventTime) {
        streamTime = Math.max(streamTime, eventTime);
        if (streamTime == Long.MIN_VALUE) {
            return;
        }
        long lastClosed = closableThrough(streamTime);
        if (lastClosed > closedThrough) {
            // The first close after (re)start only sets where closing begins: it rarely emits anything, and when it
            // does (windows restored from before a restart), the commit interval is soon enough.
            boolean first = closedThrough == Long.MIN_VALUE;
            accumulators.closeThrough(lastClosed, this::emit);
            afterClose(lastClosed);
            closedThrough = lastClosed;
            if (!first) {
                requestCommit();
            }
        }
    }

    /**
     * Under exactly-once the closed windows' vectors are visible only once committed: at the live edge, where a window
     * closes a minute apart, commit now rather than at the interval, which can then be long (fewer transactions and
     * write-behind flushes). Through a backlog, windows close many times a second; a commit (a transaction) each time
     * would cost more than the work, so at most one is asked for per {@link #COMMIT_REQUEST_SPACING_MS}. That spacing
     * is the default commit interval, not less: every commit writes each open window's changed accumulators to its
     * changelog (the per-origin partials of a busy window are thousands), and a window that opens and closes between
     * two commits is never written at all, only emitted.
     */
    private void requestCommit() {
        long now = context.currentSystemTimeMs();
        if (now - lastCommitRequest >= COMMIT_REQUEST_SPACING_MS) {
            context.commit();
            lastCommitRequest = now;
        }
    }

    /** The latest window start that may close at this stream time: by default, those past their end plus grace. */
    long closableThrough(long streamTime) {
        return windows.lastClosedStart(streamTime);
    }

    private long[] openStarts(long[] starts) {
        int open = 0;
        for (long s : starts) {
            if (s > closedThrough) {
                starts[open++] = s;
            }
        }
        return open == starts.length ? starts : java.util.Arrays.copyOf(starts, open);
    }

    long streamTime() {
        return streamTime;
    }

    /** Forwards a closed window's vector, keyed by entity, timestamped at the window's last millisecond. */
    void forwardVector(String entity, String domain, long windowStart, List<String> names, double[] values, long events) {
        List<Double> boxed = new ArrayList<>(values.length);
        for (double v : values) {
            boxed.add(v);
        }
        long end = windows.end(windowStart);
        FeatureVector vector = FeatureVector.newBuilder().setEntity(entity).setDomain(domain)
                .setWindowStart(Instant.ofEpochMilli(windowStart)).setWindowEnd(Instant.ofEpochMilli(end))
                .setFeatureNames(names).setValues(boxed).setEventCount(events).setSource("aggregator").build();
        context.forward(new Record<>(entity, new Emitted.Vector(vector), end - 1));
    }
}
