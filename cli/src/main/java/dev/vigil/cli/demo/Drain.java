package dev.vigil.cli.demo;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** How far the apps' consumer groups are behind the end of what they read. */
public final class Drain implements AutoCloseable {
    private final Admin admin;

    public Drain(Properties clientProperties) {
        this.admin = Admin.create(clientProperties);
    }

    /**
     * Records not yet committed by the groups. Transaction markers take an offset each, so a drained
     * partition can show a lag of one or two; those are not counted.
     */
    public long lag(Collection<String> groups) throws InterruptedException {
        long total = 0;
        for (String group : groups) {
            long behind = lag(group, null);
            if (behind == Long.MAX_VALUE) {
                return behind;
            }
            total += behind;
        }
        return total;
    }

    /**
     * Records of the topics (all the group reads when null) the group has not yet committed, or
     * {@link Long#MAX_VALUE} when the broker cannot tell.
     */
    public long lag(String group, Collection<String> topics) throws InterruptedException {
        try {
            return backlog(group, topics).values().stream().mapToLong(p -> p[1] - p[0]).sum();
        } catch (ExecutionException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The committed offset of each partition of the topics (all the group reads when null) the group has not read to its end. */
    public Map<TopicPartition, Long> unfinished(String group, Collection<String> topics) throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> out = new HashMap<>();
        backlog(group, topics).forEach((tp, p) -> out.put(tp, p[0]));
        return out;
    }

    /** The offsets the group has committed, by partition (0 for a partition with none yet). */
    public Map<TopicPartition, Long> committed(String group) throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .forEach((tp, o) -> out.put(tp, o == null ? 0 : o.offset()));
        return out;
    }

    /**
     * Committed offset and end of each partition the group is behind on. Transaction markers take an offset each, so a
     * drained partition can be one or two short of its end; those are not behind.
     */
    private Map<TopicPartition, long[]> backlog(String group, Collection<String> topics) throws InterruptedException, ExecutionException {
        Map<TopicPartition, Long> committed = committed(group);
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        committed.keySet().stream().filter(tp -> topics == null || topics.contains(tp.topic()))
                .forEach(tp -> query.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, long[]> behind = new HashMap<>();
        admin.listOffsets(query).all().get().forEach((tp, end) -> {
            long done = committed.get(tp);
            if (end.offset() - done > 2) {
                behind.put(tp, new long[] {done, end.offset()});
            }
        });
        return behind;
    }

    /**
     * Polls until the groups have committed up to the end of every partition they read; two clean polls in a row,
     * since a group that has just committed its input may still be producing output. False on timeout.
     */
    public boolean await(Collection<String> groups, java.time.Duration timeout) throws InterruptedException {
        return await(groups, timeout, System.nanoTime(), new HashMap<>());
    }

    /**
     * As {@link #await}, and notes when each group caught up for good: the seconds since {@code sinceNanos} of the last
     * poll at which its lag went from above zero to zero (0 for a group never behind). A group's stage rate is the
     * events it handled over that time; the slowest group gives the end-to-end rate.
     */
    public boolean await(Collection<String> groups, java.time.Duration timeout, long sinceNanos, Map<String, Double> caughtUp)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        groups.forEach(g -> caughtUp.put(g, 0.0));
        int clean = 0;
        while (System.currentTimeMillis() < deadline) {
            boolean allClean = true;
            double now = (System.nanoTime() - sinceNanos) / 1e9;
            for (String group : groups) {
                if (lag(group, null) != 0) {
                    caughtUp.put(group, Double.NaN);
                    allClean = false;
                } else if (Double.isNaN(caughtUp.get(group))) {
                    caughtUp.put(group, now);
                }
            }
            clean = allClean ? clean + 1 : 0;
            if (clean >= 2) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void close() {
        admin.close();
    }
}
