package dev.vigil.sketches;

import java.util.List;

/**
 * How a window's alert rate compares with the rate expected at the calibrated threshold.
 *
 * @param alerts scores at or above the threshold in the window
 * @param scored scores in the window
 * @param observedRate alerts / scored (NaN when nothing was scored)
 * @param expectedRate rate expected at the calibrated threshold
 * @param ratio observedRate / expectedRate
 * @param difference observedRate - expectedRate
 * @param cohensH Cohen's h, 2 asin(sqrt(observed)) - 2 asin(sqrt(expected)): the effect size of a change in
 *     a binomial proportion, comparable across base rates (0.2 small, 0.5 medium, 0.8 large by convention)
 * @param severity NONE when not assessed
 * @param assessed false when the window had too few scores
 * @param reasons the verdict in words
 */
public record AlertRateChange(long alerts, long scored, double observedRate, double expectedRate, double ratio,
                              double difference, double cohensH, Severity severity, boolean assessed,
                              List<String> reasons) {

    public AlertRateChange {
        reasons = List.copyOf(reasons);
    }
}
