package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Label;
import dev.vigil.models.TrainingSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataSelectorTest {
    static final List<String> NAMES = List.of("a", "b");
    final Instant now = Fixtures.NOW;
    final Instant from = now.minus(Duration.ofDays(7));

    static FeatureSample sample(String entity, String domain, Instant start, double value, long offset) {
        return new FeatureSample(entity, domain, start.toEpochMilli(), start.toEpochMilli() + 60_000, NAMES,
                new double[]{value, value * 2}, 0, offset);
    }

    @Test
    void keepsTheDomainsVectorsInTheWindowAndLabelledOlderOnes() {
        Instant old = from.minus(Duration.ofDays(2));
        FeatureSample oldLabelled = sample("e1", "bgp-peer", old, 1, 0);
        FeatureSample oldUnlabelled = sample("e2", "bgp-peer", old, 2, 1);
        FeatureSample recent = sample("e1", "bgp-peer", now.minus(Duration.ofHours(1)), 3, 2);
        FeatureSample otherDomain = sample("o1", "bgp-origin", now.minus(Duration.ofHours(1)), 4, 3);
        FeatureSample future = sample("e1", "bgp-peer", now.plusSeconds(60), 5, 4);
        List<Label> labels = List.of(Fixtures.label(oldLabelled, true), Fixtures.label(otherDomain, false));

        TrainingSelection s = new TrainingDataSelector(1000, 0.0).select("bgp-peer",
                List.of(oldLabelled, oldUnlabelled, recent, otherDomain, future), labels, from, now);

        assertEquals(2, s.size());
        assertEquals(List.of("e1", "e1"), Arrays.asList(s.all().entities()));
        assertArrayEquals(new int[]{TrainingSet.ANOMALY, TrainingSet.UNKNOWN}, s.all().labels());
        assertEquals(1, s.labelled());
        assertEquals(1, s.outOfRangeLabelled());
        assertEquals(old, s.from());
    }

    @Test
    void aRepeatedWindowKeepsTheLastVectorReadAndTheNewestLabel() {
        Instant t = now.minus(Duration.ofHours(2));
        FeatureSample first = sample("e1", "bgp-peer", t, 1, 10);
        FeatureSample replayed = sample("e1", "bgp-peer", t, 9, 11);
        Label wrong = Fixtures.label(first, true);
        Label corrected = Label.newBuilder(Fixtures.label(first, false)).setLabelledAt(now.plusSeconds(5)).build();

        TrainingSelection s = new TrainingDataSelector(1000, 0.0).select("bgp-peer", List.of(first, replayed),
                List.of(corrected, wrong), from, now);

        assertEquals(1, s.size());
        assertEquals(9, s.all().features()[0][0]);
        assertEquals(TrainingSet.NORMAL, s.all().label(0));
    }

    @Test
    void vectorsOfAnOlderFeatureSchemaAreDropped() {
        FeatureSample oldSchema = new FeatureSample("e1", "bgp-peer", now.minus(Duration.ofHours(3)).toEpochMilli(), 0,
                List.of("a"), new double[]{1}, 0, 0);
        FeatureSample current = sample("e1", "bgp-peer", now.minus(Duration.ofHours(1)), 2, 1);
        TrainingSelection s = new TrainingDataSelector(1000, 0.0).select("bgp-peer", List.of(oldSchema, current), List.of(), from, now);
        assertEquals(1, s.size());
        assertEquals(NAMES, s.all().featureNames());
    }

    @Test
    void theHoldoutIsTheNewestPartInTimeOrder() {
        List<FeatureSample> samples = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // read out of time order, as from several partitions
            samples.add(sample("e" + (i % 4), "bgp-peer", now.minus(Duration.ofMinutes(1 + (i * 37) % 100)), i, i));
        }
        TrainingSelection s = new TrainingDataSelector(1000, 0.25).select("bgp-peer", samples, List.of(), from, now);
        assertEquals(75, s.train().size());
        assertEquals(25, s.holdout().size());
        long lastTrain = Arrays.stream(s.train().timestamps()).max().orElseThrow();
        long firstHoldout = Arrays.stream(s.holdout().timestamps()).min().orElseThrow();
        assertTrue(lastTrain <= firstHoldout, "every holdout window is at least as new as every training window");
    }

    @Test
    void aCapKeepsEveryLabelledVectorAndThenTheNewest() {
        List<FeatureSample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(sample("e", "bgp-peer", now.minus(Duration.ofMinutes(100 - i)), i, i));
        }
        Label oldest = Fixtures.label(samples.getFirst(), false);
        TrainingSelection s = new TrainingDataSelector(10, 0.0).select("bgp-peer", samples, List.of(oldest), from, now);
        assertEquals(10, s.size());
        assertEquals(0.0, s.all().features()[0][0], "the labelled oldest vector is kept");
        assertEquals(49.0, s.all().features()[9][0], "then the newest ones");
        assertEquals(41.0, s.all().features()[1][0]);
    }

    /** One vector per minute of entity "e" over the last {@code minutes} minutes, oldest first. */
    List<FeatureSample> lastMinutes(int minutes) {
        List<FeatureSample> samples = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            samples.add(sample("e", "bgp-peer", now.minus(Duration.ofMinutes(minutes - i)), i, i));
        }
        return samples;
    }

    /** A vector a minute for 100 minutes, a change at {@code change}, 30 vectors needed since it (more than it has). */
    TrainingSelection lastHundredMinutesWithAChange(Instant change) {
        return new TrainingDataSelector(1000, 0.25).select("bgp-peer", lastMinutes(100), List.of(), from, now, change,
                TrainingDataSelector.Sufficiency.atLeast(30));
    }

    @Test
    void rowsSinceTheChangeReplaceTheWindowAndTheHoldoutIsAfterTheChange() {
        List<FeatureSample> samples = lastMinutes(100);
        Instant change = now.minus(Duration.ofMinutes(40));
        FeatureSample labelledBefore = samples.get(10);

        TrainingSelection s = new TrainingDataSelector(1000, 0.25).select("bgp-peer", samples,
                List.of(Fixtures.label(labelledBefore, false)), from, now, change, TrainingDataSelector.Sufficiency.atLeast(30));

        assertEquals(41, s.size(), "the 40 vectors since the change and the labelled one before it");
        assertEquals(40, s.inRange());
        assertEquals(1, s.outOfRangeLabelled(), "labels are kept as without a change");
        assertEquals(10.0, s.all().features()[0][0]);
        assertTrue(Arrays.stream(s.all().timestamps()).skip(1).allMatch(t -> t >= change.toEpochMilli()),
                "no unlabelled vector from before the change");
        assertEquals(10, s.holdout().size());
        assertTrue(Arrays.stream(s.holdout().timestamps()).allMatch(t -> t >= change.toEpochMilli()),
                "validated on the new regime only");
        assertEquals(change, s.changedSince());
        assertTrue(s.afterChange());
        assertNull(s.fallback());
    }

    @Test
    void tooFewRowsSinceTheChangeFallBackToTheWindowAndSayWhy() {
        Instant change = now.minus(Duration.ofMinutes(20));
        TrainingSelection s = lastHundredMinutesWithAChange(change);

        assertEquals(100, s.size(), "the whole window");
        assertEquals(change, s.changedSince());
        assertFalse(s.afterChange());
        assertEquals("20 vectors since the change, need 30", s.fallback());
        // The 20 minutes since the change in four blocks of five: the second and fourth are held out, so the model
        // learns the new regime from the first and third, and is judged on it alone.
        long c = change.toEpochMilli();
        long minute = Duration.ofMinutes(1).toMillis();
        assertEquals(90, s.train().size());
        assertEquals(10, Arrays.stream(s.train().timestamps()).filter(t -> t >= c).count(), "half the new regime is trained on");
        assertArrayEquals(java.util.stream.LongStream.of(5, 6, 7, 8, 9, 15, 16, 17, 18, 19).map(k -> c + k * minute).toArray(),
                s.holdout().timestamps());
        assertEquals(90, s.holdoutStart());
        assertArrayEquals(s.holdout().timestamps(), Arrays.copyOfRange(s.all().timestamps(), 90, 100),
                "all rows: the training rows, then the holdout");
        assertEquals(c + 19 * minute + minute, s.windowEnds()[99], "window ends follow the rows");
    }

    @Test
    void aChangeInTheNewestBlockOnlyKeepsTheNewestRowsAsHoldout() {
        TrainingSelection s = lastHundredMinutesWithAChange(now.minus(Duration.ofMinutes(1)));

        assertEquals(75, s.train().size(), "one row since the change cannot be cut into blocks");
        assertEquals(lastMinutes(100).get(75).windowStart(), s.holdout().timestamps()[0]);
    }

    @Test
    void aChangeBeforeTheWindowMeansTheWholeWindowIsNew() {
        List<FeatureSample> samples = lastMinutes(100);
        Instant change = from.minus(Duration.ofDays(1));
        TrainingSelection s = new TrainingDataSelector(1000, 0.25).select("bgp-peer", samples, List.of(), from, now,
                change, (since, window) -> java.util.Optional.of("never asked"));
        assertEquals(100, s.size());
        assertTrue(s.afterChange());
        assertNull(s.fallback());
    }

    @Test
    void withoutAChangeTheWindowIsSelectedAsBefore() {
        List<FeatureSample> samples = lastMinutes(100);
        TrainingSelection s = new TrainingDataSelector(1000, 0.25).select("bgp-peer", samples, List.of(), from, now,
                null, TrainingDataSelector.Sufficiency.atLeast(1_000_000));
        assertEquals(100, s.size());
        assertNull(s.changedSince());
        assertFalse(s.afterChange());
        assertNull(s.fallback());
    }

    @Test
    void manyLabelledRowsBeforeTheChangeStayOutOfTheHoldout() {
        List<FeatureSample> samples = lastMinutes(100);
        Instant change = now.minus(Duration.ofMinutes(10));
        List<Label> labels = samples.subList(0, 80).stream().map(x -> Fixtures.label(x, false)).toList();

        TrainingSelection s = new TrainingDataSelector(1000, 0.25).select("bgp-peer", samples, labels, from, now,
                change, TrainingDataSelector.Sufficiency.atLeast(5));

        assertEquals(90, s.size(), "80 labelled before the change, 10 since");
        assertTrue(Arrays.stream(s.holdout().timestamps()).allMatch(t -> t >= change.toEpochMilli()),
                "a quarter of 90 rows would reach back before the change; the holdout stops at it");
        assertEquals(10, s.holdout().size());
    }
}
