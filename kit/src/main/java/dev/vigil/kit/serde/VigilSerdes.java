package dev.vigil.kit.serde;

import dev.vigil.kit.config.VigilConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The serdes of one app: string keys and Avro values in the Confluent wire format. */
public final class VigilSerdes {
    private final RegistrySettings settings;
    private final Map<Class<?>, Serde<?>> values = new ConcurrentHashMap<>();

    public VigilSerdes(RegistrySettings settings) {
        this.settings = settings;
    }

    public static VigilSerdes from(VigilConfig config) {
        return new VigilSerdes(RegistrySettings.from(config));
    }

    public RegistrySettings settings() {
        return settings;
    }

    public Serde<String> key() {
        return Serdes.String();
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return (Serde<T>) values.computeIfAbsent(type,
                t -> Serdes.serdeFrom(new AvroSerializer<>(type, settings, false), new AvroDeserializer<>(type, settings)));
    }
}
