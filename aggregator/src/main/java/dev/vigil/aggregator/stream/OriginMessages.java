package dev.vigil.aggregator.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * What the peer tasks send to the origin side over the {@code bgp-origin} repartition topic. A partial,
 * {@code [0][window start][OriginWindowFeatures]} keyed by origin, goes to that origin's partition. A closed
 * marker, {@code [1][sender][closed through]}, goes to every partition: it tells each origin task that the sender
 * (a peer task, by its input partition) has closed its windows through a start, so every partial of those windows
 * it will ever send is already in that partition, in order behind the marker's predecessors. A task that has had
 * no input since it started sends {@link #IDLE} instead of a window start: do not wait for it until it sends more.
 */
final class OriginMessages {
    private static final byte PARTIAL = 0;
    private static final byte CLOSED = 1;

    /** Partials by key (the default partitioner), closed markers to every partition. */
    static final StreamPartitioner<String, byte[]> ROUTING = (topic, key, value, partitions) -> isClosedMarker(value)
            ? Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet()))
            : Optional.<Set<Integer>>empty();

    /** The "closed through" of a peer task that has had no input. */
    static final long IDLE = Long.MAX_VALUE;

    private OriginMessages() {
    }

    static byte[] partial(long windowStart, byte[] features) {
        return ByteBuffer.allocate(9 + features.length).put(PARTIAL).putLong(windowStart).put(features).array();
    }

    static byte[] closed(int sender, long closedThrough) {
        return ByteBuffer.allocate(13).put(CLOSED).putInt(sender).putLong(closedThrough).array();
    }

    static boolean isClosedMarker(byte[] message) {
        return message[0] == CLOSED;
    }

    static long windowStart(byte[] partial) {
        return ByteBuffer.wrap(partial, 1, 8).getLong();
    }

    static byte[] features(byte[] partial) {
        return Arrays.copyOfRange(partial, 9, partial.length);
    }

    static int sender(byte[] marker) {
        return ByteBuffer.wrap(marker, 1, 4).getInt();
    }

    static long closedThrough(byte[] marker) {
        return ByteBuffer.wrap(marker, 5, 8).getLong();
    }
}
