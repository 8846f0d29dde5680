package dev.vigil.bench.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark runs its workload end to end (its speed is printed by its main, not asserted here). */
class EnsembleBenchTest {
    @Test
    void everyScoreIsReadAndEveryCompleteWindowIsFused() {
        EnsembleBench.Result r = EnsembleBench.run(300, 6);
        assertEquals(300L * 6 * 3, r.scores());
        // Every entity window is released the moment its third detector reports.
        assertEquals(300L * 6, r.windows());
        assertTrue(r.alerts() > 0, "about 1% of windows are anomalous");
    }
}
