package dev.vigil.ensemble.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VariantSplitTest {
    private static final List<String> ENTITIES = IntStream.range(0, 4000)
            .mapToObj(i -> "peer:rrc0" + (i % 5) + "|AS" + (64500 + i) + "|192.0.2." + (i % 250)).toList();

    @Test
    void assignmentIsStickyAcrossInstancesAndTheShareIsRespected() {
        VariantSplit one = new VariantSplit(0.3, "trial-1");
        VariantSplit other = new VariantSplit(0.3, "trial-1");
        long inB = ENTITIES.stream().filter(e -> one.variantOf(e) == Variant.B).count();
        ENTITIES.forEach(e -> assertEquals(one.variantOf(e), other.variantOf(e)));
        // Binomial(4000, 0.3): mean 1200, sd 29; five sd either side.
        assertTrue(Math.abs(inB - 1200) < 145, "B share " + inB + " of 4000");
    }

    @Test
    void wideningTheShareOnlyMovesEntitiesFromAToB() {
        VariantSplit narrow = new VariantSplit(0.1, "s");
        VariantSplit wide = new VariantSplit(0.5, "s");
        for (String e : ENTITIES) {
            if (narrow.variantOf(e) == Variant.B) {
                assertEquals(Variant.B, wide.variantOf(e), e);
            }
        }
    }

    @Test
    void aNewSaltDrawsANewSplit() {
        VariantSplit a = new VariantSplit(0.5, "first");
        VariantSplit b = new VariantSplit(0.5, "second");
        long differ = ENTITIES.stream().filter(e -> a.variantOf(e) != b.variantOf(e)).count();
        assertNotEquals(0, differ);
        assertTrue(Math.abs(differ - 2000) < 160, "independent splits disagree on about half: " + differ);
    }
}
