package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;

/** A value that passed its checks, or the dead letter it became. */
record Checked<V>(V value, DeadLetter deadLetter) {
    boolean valid() {
        return deadLetter == null;
    }
}
