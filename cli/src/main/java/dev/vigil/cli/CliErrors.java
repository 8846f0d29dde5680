package dev.vigil.cli;

import dev.vigil.kit.serde.RegistryOutage;
import org.apache.kafka.common.KafkaException;

/** One-line explanations of the failures a command can meet, for operators. */
final class CliErrors {
    private CliErrors() {
    }

    static String explain(Throwable e) {
        if (RegistryOutage.isOutage(e)) {
            return "the schema registry cannot be reached (" + e.getMessage() + "); check vigil.schema.registry.url"
                    + " or VIGIL_SCHEMA_REGISTRY_URL and try again";
        }
        if (e instanceof org.apache.kafka.common.errors.TimeoutException || e instanceof KafkaException) {
            return "Kafka cannot be reached or refused the request (" + e.getMessage() + "); check kafka.bootstrap.servers"
                    + " or KAFKA_BOOTSTRAP_SERVERS";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
