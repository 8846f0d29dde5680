package dev.vigil.kit.testing;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.deadletter.DeadLetterLedger;
import dev.vigil.kit.deadletter.DeadLetterSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Keeps dead letters in memory, once per source coordinates: for TopologyTestDriver tests. */
public final class InMemoryDeadLetterSink implements DeadLetterSink {
    private final List<DeadLetter> letters = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    @Override
    public synchronized void send(DeadLetter letter) {
        if (seen.add(DeadLetterLedger.coordinates(letter))) {
            letters.add(letter);
        }
    }

    @Override
    public int pending() {
        return 0;
    }

    public synchronized List<DeadLetter> letters() {
        return List.copyOf(letters);
    }
}
