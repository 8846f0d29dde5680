package dev.vigil.kit.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/** How a subject is named, as in Confluent's serdes: by topic (default), by record name, or both. */
public enum SubjectNameStrategy {
    TOPIC, RECORD, TOPIC_RECORD;

    public static SubjectNameStrategy parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "TOPIC", "TOPICNAMESTRATEGY" -> TOPIC;
            case "RECORD", "RECORDNAMESTRATEGY" -> RECORD;
            case "TOPIC_RECORD", "TOPICRECORDNAMESTRATEGY" -> TOPIC_RECORD;
            default -> throw new IllegalArgumentException("Unknown subject name strategy '" + text
                    + "' (use topic, record or topic-record)");
        };
    }

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC -> topic + (isKey ? "-key" : "-value");
            case RECORD -> schema.getFullName();
            case TOPIC_RECORD -> topic + "-" + schema.getFullName();
        };
    }
}
