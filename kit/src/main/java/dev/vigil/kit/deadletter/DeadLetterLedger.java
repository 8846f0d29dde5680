package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.topics.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Which records an app has already dead-lettered, read from the dead-letter topic's headers. Global stores
 * are replayed from the start on every restart; the ledger keeps a bad record there from being
 * dead-lettered again each time.
 */
public final class DeadLetterLedger {
    private DeadLetterLedger() {
    }

    public static String coordinates(DeadLetter letter) {
        return letter.getApp() + '|' + letter.getSourceTopic() + '|' + letter.getPartition() + '|' + letter.getOffset();
    }

    /** Coordinates of every letter an app has written to a dead-letter topic so far. */
    static Set<String> read(Properties clientProperties, String dlqTopic, String app) {
        Set<String> seen = new HashSet<>();
        TopicReader.readToEnd(clientProperties, dlqTopic, r -> {
            if (app.equals(header(r, DeadLetters.HEADER_APP))) {
                seen.add(app + '|' + header(r, DeadLetters.HEADER_SOURCE_TOPIC) + '|'
                        + header(r, DeadLetters.HEADER_SOURCE_PARTITION) + '|' + header(r, DeadLetters.HEADER_SOURCE_OFFSET));
            }
        });
        return seen;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
