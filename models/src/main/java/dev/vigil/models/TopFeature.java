package dev.vigil.models;

/**
 * How far one feature was from its baseline.
 *
 * @param name      feature name
 * @param value     observed value
 * @param baseline  what it was compared with (training median, or the forecast)
 * @param deviation |value - baseline| in robust spreads of the training data; larger is more unusual
 */
public record TopFeature(String name, double value, double baseline, double deviation) {
}
