package dev.vigil.kit.topics;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * A topic's default name together with the Avro class of its values. A call site that reads or writes a topic takes
 * both from here, so the serde it uses cannot disagree with what the topic carries. The name is the default one: an
 * app resolves it through its config ({@link Topics#name(Topic)}), as it does a plain name.
 */
public record Topic<V extends SpecificRecord>(String defaultName, Class<V> valueType) {
    public Topic {
        Objects.requireNonNull(defaultName, "defaultName");
        Objects.requireNonNull(valueType, "valueType");
    }
}
