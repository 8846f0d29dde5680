package dev.vigil.sketches;

import java.util.List;

/**
 * How a model's precision, recall and false-positive rate on labelled events compare with its validation
 * figures. Figures that could not be judged (too few labels, or not in the validation) are NaN here.
 *
 * @param counts the labelled outcomes
 * @param expected the validation figures
 * @param precisionDrop expected precision - observed precision
 * @param recallDrop expected recall - observed recall
 * @param fprRatio observed false-positive rate / expected
 * @param severity worst of the three figures' severities; NONE when none was assessed
 * @param assessed true when at least one figure had enough labels
 * @param reasons the verdict in words
 */
public record PerformanceDrift(ConfusionCounts counts, ExpectedPerformance expected, double precisionDrop,
                               double recallDrop, double fprRatio, Severity severity, boolean assessed,
                               List<String> reasons) {

    public PerformanceDrift {
        reasons = List.copyOf(reasons);
    }
}
