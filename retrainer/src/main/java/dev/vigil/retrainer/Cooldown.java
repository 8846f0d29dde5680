package dev.vigil.retrainer;

import dev.vigil.avro.ModelVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * At most one version per model within the cooldown, unless forced; and a model not retrained within the
 * maximum interval is due for a scheduled retrain.
 */
public final class Cooldown {
    private final Duration minimum;
    private final Duration maximum;

    public Cooldown(Duration minimum, Duration maximum) {
        this.minimum = minimum;
        this.maximum = maximum;
    }

    /** Why a request must wait, or empty when it may train now. */
    public Optional<String> blocks(List<ModelVersion> versions, boolean force, Instant now) {
        if (force) {
            return Optional.empty();
        }
        return lastTrained(versions).filter(last -> last.plus(minimum).isAfter(now))
                .map(last -> "cooldown: last version created " + last + ", next allowed after " + last.plus(minimum));
    }

    /** Whether a model with versions has gone without a new one for longer than the maximum interval. */
    public boolean scheduledRetrainDue(List<ModelVersion> versions, Instant now) {
        return lastTrained(versions).map(last -> !last.plus(maximum).isAfter(now)).orElse(false);
    }

    static Optional<Instant> lastTrained(List<ModelVersion> versions) {
        return versions.stream().map(ModelVersion::getCreatedAt).max(Comparator.naturalOrder());
    }
}
