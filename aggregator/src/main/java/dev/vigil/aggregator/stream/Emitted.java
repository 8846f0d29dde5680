package dev.vigil.aggregator.stream;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.FeatureVector;

/** What the window processors send on: a closed window's vector, a late record, or a per-origin partial. */
sealed interface Emitted {
    record Vector(FeatureVector vector) implements Emitted {
    }

    record Late(DeadLetter letter) implements Emitted {
    }

    /** Encoded {@code [window start][OriginWindowFeatures]}, keyed by origin entity, for the re-keyed merge. */
    record Partial(byte[] bytes) implements Emitted {
    }
}
