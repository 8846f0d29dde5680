package dev.vigil.drift.state;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the monitor knows about one feature domain.
 *
 * @param watermark latest window end seen in the domain's features or scores (data time, epoch millis):
 *     drift windows that end, with grace, before it are due for a check
 * @param firstWindowStart first drift window with data, where checking starts for a new model; -1 if none
 * @param featureNames feature names of the latest vector, checked against a rolling baseline
 * @param models models seen for the domain, in scores or as production versions
 */
public record DomainState(long watermark, long firstWindowStart, List<String> featureNames, SortedSet<String> models) {

    public static DomainState empty() {
        return new DomainState(Long.MIN_VALUE, -1, List.of(), new TreeSet<>());
    }

    public DomainState {
        featureNames = List.copyOf(featureNames);
        models = new TreeSet<>(models);
    }

    public DomainState withData(long windowStart, long windowEnd) {
        long first = firstWindowStart < 0 ? windowStart : Math.min(firstWindowStart, windowStart);
        return new DomainState(Math.max(watermark, windowEnd), first, featureNames, models);
    }

    public DomainState withFeatureNames(List<String> names) {
        return names.equals(featureNames) ? this : new DomainState(watermark, firstWindowStart, names, models);
    }

    public DomainState withModel(String model) {
        if (models.contains(model)) {
            return this;
        }
        SortedSet<String> more = new TreeSet<>(models);
        more.add(model);
        return new DomainState(watermark, firstWindowStart, featureNames, more);
    }

    public boolean hasData() {
        return firstWindowStart >= 0;
    }
}
