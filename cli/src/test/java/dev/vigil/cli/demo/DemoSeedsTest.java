package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed list of `vigil bench demo` and how its figures are summarised over seeds. */
class DemoSeedsTest {

    @Test
    void seedsAreRangesOrLists() {
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L), DemoSeeds.parse("4-8"));
        assertEquals(List.of(4L, 6L, 9L, 10L), DemoSeeds.parse("4, 6,9-10"));
        assertThrows(IllegalArgumentException.class, () -> DemoSeeds.parse("8-4"));
        assertThrows(IllegalArgumentException.class, () -> DemoSeeds.parse(" , "));
        assertThrows(NumberFormatException.class, () -> DemoSeeds.parse("four"));
    }

    @Test
    void theWorstSeedIsTheLowestWhereHigherIsBetterAndTheHighestOtherwise() {
        List<DemoSeeds.SeedFigures> seeds = List.of(seed(4, 0.9, 16, 1.0, 0, 0.5), seed(5, 0.6, 12, 3.0, 2, 0.0));
        Map<String, Double> mean = DemoSeeds.summarise(seeds, false);
        Map<String, Double> worst = DemoSeeds.summarise(seeds, true);
        assertEquals(0.75, mean.get("incident_precision"), 1e-9);
        assertEquals(14.0, mean.get("injections_alerted"), 1e-9);
        assertEquals(0.6, worst.get("incident_precision"), 1e-9);
        assertEquals(12.0, worst.get("injections_alerted"), 1e-9);
        assertEquals(3.0, worst.get("median_delay_windows"), 1e-9);
        assertEquals(2.0, worst.get("alerts_before_first_injection"), 1e-9);
        assertEquals(0.5, worst.get("false_alerts_per_day_bgp-peer"), 1e-9);
    }

    @Test
    void aSeedWithoutIncidentsLeavesPrecisionOutOfTheMean() {
        List<DemoSeeds.SeedFigures> seeds = List.of(seed(4, 0.8, 16, 1.0, 0, 0), seed(5, Double.NaN, 0, Double.NaN, 0, 0));
        assertEquals(0.8, DemoSeeds.summarise(seeds, false).get("incident_precision"), 1e-9);
        assertEquals(8.0, DemoSeeds.summarise(seeds, false).get("injections_alerted"), 1e-9);
    }

    private static DemoSeeds.SeedFigures seed(long seed, double precision, int alerted, double delay, int before, double peerFalsePerDay) {
        return new DemoSeeds.SeedFigures(seed, 10, (int) Math.round(10 * (Double.isNaN(precision) ? 0 : precision)), precision, 16,
                alerted, delay, before, Map.of("bgp-peer", peerFalsePerDay, "telemetry-service", 0.0), 0.7, 0.6, 0, 0, true, 200,
                Path.of("x"));
    }
}
