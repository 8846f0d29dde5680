package dev.vigil.aggregator.stream;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.FeatureVector;

/** What the window processors send on: a closed window's vector, a late record, or a per-origin partial. */
sealed interface Emitted {
    record Vector(FeatureVector vector) implements Emitted {
    }

    record Late(DeadLetter letter) implements Emitted {
    }

    /** A message to the origin side: a per-origin partial or a closed marker (see {@link OriginMessages}). */
    record Partial(byte[] bytes) implements Emitted {
    }
}
