package dev.vigil.kit.topics;

import java.util.Properties;

/**
 * Consumer settings for reading what Vigil's apps write. They write in Kafka transactions (exactly-once), so a
 * reader must skip records of aborted and open transactions ({@code read_committed}), or it would see output that a
 * crashed task later wrote again. Offsets are committed by the reader itself, when it has handled a record.
 */
public final class CommittedReads {
    private CommittedReads() {
    }

    /** A consumer without a group (partitions are assigned by the reader). */
    public static Properties assigned(Properties clientProperties) {
        Properties p = copy(clientProperties);
        p.remove("group.id");
        return p;
    }

    /** A consumer in the given group, starting from the earliest offset when the group has none. */
    public static Properties inGroup(Properties clientProperties, String group) {
        Properties p = copy(clientProperties);
        p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        return p;
    }

    private static Properties copy(Properties clientProperties) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        return p;
    }
}
