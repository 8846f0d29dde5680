package dev.vigil.cli;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.deadletter.Decoded;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.TopicReader;
import dev.vigil.kit.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every committed record of a topic, from the beginning to its current end, decoded. Records that do not
 * decode are left out and described in {@link #skipped()}, so one bad record cannot stop the command.
 */
record TopicSnapshot<T>(List<T> values, List<String> skipped) {

    static <T extends SpecificRecord> TopicSnapshot<T> read(VigilConfig config, Topic<T> typed) {
        String topic = new Topics(config).name(typed);
        AvroDeserializer<T> reader = new AvroDeserializer<>(typed, RegistrySettings.from(config));
        List<T> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        TopicReader.readToEnd(config.clientProperties(), topic, r -> {
            Decoded<T> decoded = Decoded.of(reader, topic, r.value());
            if (decoded.ok()) {
                out.add(decoded.value());
            } else if (decoded.failed()) {
                skipped.add("skipped unreadable record on " + topic + " at partition " + r.partition() + " offset "
                        + r.offset() + " (key " + r.key() + "): " + decoded.reason());
            }
        });
        return new TopicSnapshot<>(out, skipped);
    }
}
