package dev.vigil.retrainer;

import java.time.Duration;
import java.time.Instant;

/**
 * What a domain's feature vectors cover so far: how many distinct entity windows, and the event time from the
 * earliest window's start to the latest window's end. A first model needs both enough rows and a long enough span:
 * a thousand vectors of six BGP peers arrive within three hours, and a model trained on three night hours takes the
 * morning's normal rise for an anomaly.
 *
 * @param windows distinct entity windows seen (counting may stop at a cap; only "enough or not" matters)
 * @param from    start of the earliest window seen
 * @param to      end of the latest window seen
 */
public record DomainCoverage(long windows, Instant from, Instant to) {
    public static final DomainCoverage NONE = new DomainCoverage(0, Instant.EPOCH, Instant.EPOCH);

    public DomainCoverage {
        if (windows > 0 && to.isBefore(from)) {
            throw new IllegalArgumentException("coverage ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** Event time the windows cover, zero when there are none. */
    public Duration span() {
        return windows == 0 ? Duration.ZERO : Duration.between(from, to);
    }

    /** Whether a first model may be trained on these rows. */
    public boolean suffices(int minWindows, Duration minSpan) {
        return windows >= minWindows && span().compareTo(minSpan) >= 0;
    }
}
