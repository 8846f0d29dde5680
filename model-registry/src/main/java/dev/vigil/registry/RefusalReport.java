package dev.vigil.registry;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.deadletter.DeadLetters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A serving app's report that it refused a model version (bad signature, wrong SHA-256, corrupt artifact...):
 * a {@link DeadLetter} on the versions topic's dead-letter topic, keyed {@code <model>/<version>} (record and
 * letter), with error class {@code model-refused-<reason>}. The detectors write them with {@link #letter}; the
 * ensemble, drift monitor and CLI read them with {@link #of}, so every app takes the same letters as refusals.
 * Other letters on that topic (undecodable version records) are not refusals.
 *
 * @param reason the kind of failure, e.g. {@code signature}
 * @param description what was wrong and what keeps serving, in words
 */
public record RefusalReport(String model, int version, String reason, String description, String app, Instant at) {
    private static final String ERROR_CLASS_PREFIX = "model-refused-";

    /** The dead letter that reports a refusal. */
    public static DeadLetter letter(String app, String versionsTopic, String model, int version, String reason,
                                    String description) {
        byte[] key = ModelKeys.version(model, version).getBytes(StandardCharsets.UTF_8);
        return DeadLetters.letter(app, versionsTopic, -1, -1L, key, null, ERROR_CLASS_PREFIX + reason, description);
    }

    /** The refusal a dead letter reports; empty when it reports something else or its key is not a version's. */
    public static Optional<RefusalReport> of(DeadLetter letter) {
        if (letter == null || letter.getKey() == null || !letter.getErrorClass().startsWith(ERROR_CLASS_PREFIX)) {
            return Optional.empty();
        }
        String reason = letter.getErrorClass().substring(ERROR_CLASS_PREFIX.length());
        return ModelKeys.parseVersion(text(letter.getKey())).map(k -> new RefusalReport(k.model(), k.version(), reason,
                letter.getReason(), letter.getApp(), letter.getFailedAt()));
    }

    /** Record key of the report, the refused version's key on the versions topic. */
    public String key() {
        return ModelKeys.version(model, version);
    }

    /** The description with who refused and when, as operators see it. */
    public String summary() {
        return description + " (" + app + ", " + at + ")";
    }

    private static String text(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return new String(out, StandardCharsets.UTF_8);
    }
}
