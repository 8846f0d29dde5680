package dev.vigil.cli;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.TopicReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Every committed record of a topic, from the beginning to its current end, decoded. */
final class TopicSnapshot {
    private TopicSnapshot() {
    }

    static <T extends SpecificRecord> List<T> read(VigilConfig config, String topic, Class<T> type) {
        AvroDeserializer<T> reader = new AvroDeserializer<>(type, RegistrySettings.from(config));
        List<T> out = new ArrayList<>();
        TopicReader.readToEnd(config.clientProperties(), topic, r -> {
            if (r.value() != null) {
                out.add(reader.deserialize(topic, r.value()));
            }
        });
        return out;
    }
}
