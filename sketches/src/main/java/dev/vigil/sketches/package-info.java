/**
 * Distribution sketches and drift decisions, shared by the drift monitor and the retrainer; no Kafka or Avro
 * types.
 *
 * <ul>
 *   <li>{@link dev.vigil.sketches.Sketch}: a t-digest of one feature; {@code add}, {@code merge},
 *   {@code mergeAll}, {@code toBytes}/{@code fromBytes} (under 2 KB, checksummed).
 *   {@link dev.vigil.sketches.FeatureSketches}: one sketch per feature of a vector, stored as
 *   {@code ModelVersion.baselineSketches}.</li>
 *   <li>{@link dev.vigil.sketches.DriftStatistics#compare}: KS, PSI, Wasserstein-1 and quantile shifts of a
 *   window against a baseline, as a {@link dev.vigil.sketches.DistributionComparison} (the fields of the Avro
 *   {@code DistributionDrift}).</li>
 *   <li>{@link dev.vigil.sketches.DriftPolicy}: severities per feature and for the whole check
 *   ({@link dev.vigil.sketches.DriftDecision}), combining feature drift with
 *   {@link dev.vigil.sketches.AlertRateCheck} and {@link dev.vigil.sketches.PerformanceCheck};
 *   {@link dev.vigil.sketches.PersistenceTracker} confirms drift that lasts.</li>
 * </ul>
 */
package dev.vigil.sketches;
