package dev.vigil.cli.demo;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far the apps' consumer groups are behind the end of what they read. */
final class Drain implements AutoCloseable {
    private final Admin admin;

    Drain(Properties clientProperties) {
        this.admin = Admin.create(clientProperties);
    }

    /**
     * Records not yet committed by the groups. Transaction markers take an offset each, so a drained
     * partition can show a lag of one or two; those are not counted.
     */
    long lag(Collection<String> groups) throws InterruptedException {
        long total = 0;
        try {
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> query = new HashMap<>();
                committed.keySet().forEach(tp -> query.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(query).all().get();
                for (var e : committed.entrySet()) {
                    long behind = ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset());
                    total += behind > 2 ? behind : 0;
                }
            }
        } catch (ExecutionException e) {
            return Long.MAX_VALUE;
        }
        return total;
    }

    @Override
    public void close() {
        admin.close();
    }
}
