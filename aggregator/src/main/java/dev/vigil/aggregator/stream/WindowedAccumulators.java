package dev.vigil.aggregator.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open windows' accumulators of one processor: live objects in memory, every change written through to a
 * logged store so a restarted task resumes exactly (exactly-once). Store keys are the window start (big-endian,
 * sign flipped so the byte order is the time order) followed by the entity, so closing is one range scan.
 */
final class WindowedAccumulators<A> {
    /** Receives a closed window's accumulator. */
    interface Closed<A> {
        void accept(long windowStart, String entity, A accumulator);
    }

    private record WindowKey(long start, String entity) {
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final Codec<A> codec;
    private final Map<WindowKey, A> live = new HashMap<>();

    WindowedAccumulators(KeyValueStore<Bytes, byte[]> store, Codec<A> codec) {
        this.store = store;
        this.codec = codec;
    }

    A get(long windowStart, String entity) {
        WindowKey key = new WindowKey(windowStart, entity);
        A acc = live.get(key);
        if (acc == null) {
            byte[] stored = store.get(key(windowStart, entity));
            acc = stored == null ? codec.create() : codec.decode(stored);
            live.put(key, acc);
        }
        return acc;
    }

    /** Writes a changed accumulator through to the store. */
    void put(long windowStart, String entity, A accumulator) {
        store.put(key(windowStart, entity), codec.encode(accumulator));
    }

    /** Emits and removes every window that starts at or before {@code lastStart}, oldest first. */
    void closeThrough(long lastStart, Closed<A> closed) {
        List<Bytes> done = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(prefix(Long.MIN_VALUE), prefix(lastStart + 1))) {
            while (it.hasNext()) {
                var entry = it.next();
                ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                long start = key.getLong() ^ Long.MIN_VALUE;
                if (start > lastStart) {
                    break;
                }
                String entity = StandardCharsets.UTF_8.decode(key).toString();
                A acc = live.remove(new WindowKey(start, entity));
                closed.accept(start, entity, acc != null ? acc : codec.decode(entry.value));
                done.add(entry.key);
            }
        }
        done.forEach(store::delete);
        live.keySet().removeIf(k -> k.start <= lastStart);
    }

    static Bytes key(long windowStart, String entity) {
        byte[] e = entity.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(8 + e.length).putLong(windowStart ^ Long.MIN_VALUE).put(e).array());
    }

    private static Bytes prefix(long windowStart) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(windowStart ^ Long.MIN_VALUE).array());
    }
}
