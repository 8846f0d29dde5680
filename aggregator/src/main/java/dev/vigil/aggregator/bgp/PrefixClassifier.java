package dev.vigil.aggregator.bgp;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.UpdateType;

/**
 * Classifies an update against the last state of its (peer, prefix), as the UFAM feature extractor does
 * (bgpmetrics_as.py: classify_announcement / classify_withdrawal), and gives the state to store next.
 */
public final class PrefixClassifier {
    private PrefixClassifier() {
    }

    /** The facts of the update and the prefix's next state. */
    public record Outcome(UpdateFacts facts, PrefixState next) {
    }

    /**
     * @param previous the prefix's state, or null when none (or expired)
     * @param path     the announcement's path facts; ignored for a withdrawal
     * @param rareAses rare ASes on the announcement's path from the peer's {@link RareAsTracker}, -1 if none
     */
    public static Outcome classify(PrefixState previous, BgpUpdate update, PathFacts path, int rareAses) {
        long millis = update.getTimestamp().toEpochMilli();
        long second = Math.floorDiv(millis, 1000);
        if (update.getType() == UpdateType.WITHDRAW) {
            return withdrawal(previous, millis, second);
        }
        long previousAnnounce = previous == null || previous.lastAnnounceSecond() < 0 ? -1 : previous.lastAnnounceSecond() * 1000;
        PrefixState next = PrefixState.announced(path, update.getOrigin(), second);
        if (previous == null || !previous.attributesKnown()) {
            return new Outcome(facts(UpdateKind.NEW, millis, previousAnnounce, -1, 0, false, update, path, rareAses, 0), next);
        }
        boolean same = previous.attributesHash() == path.attributesHash();
        UpdateKind kind;
        if (previous.withdrawn()) {
            kind = same ? UpdateKind.FLAP : UpdateKind.NEW_AFTER_WITHDRAWAL;
        } else if (same) {
            kind = UpdateKind.DUPLICATE;
        } else {
            kind = previous.pathHash() == path.pathHash() ? UpdateKind.IMPLICIT_SAME_PATH : UpdateKind.IMPLICIT_DIFF_PATH;
        }
        int distance = EditDistance.between(path.sequence(), previous.sequence());
        int lengthChange = Integer.signum(path.length() - previous.sequence().length);
        boolean originChanged = update.getOrigin() != previous.origin();
        return new Outcome(facts(kind, millis, previousAnnounce, distance, lengthChange, originChanged, update, path, rareAses,
                previous.originAs()), next);
    }

    private static Outcome withdrawal(PrefixState previous, long millis, long second) {
        if (previous == null) {
            return new Outcome(new UpdateFacts(UpdateKind.WITHDRAWAL, millis, -1, -1, 0, false, null, 0, 0, 0, -1, 0, 0),
                    PrefixState.withdrawnUnknown(second));
        }
        UpdateKind kind = previous.withdrawn() ? UpdateKind.DUPLICATE_WITHDRAWAL : UpdateKind.WITHDRAWAL;
        long previousAnnounce = previous.lastAnnounceSecond() < 0 ? -1 : previous.lastAnnounceSecond() * 1000;
        return new Outcome(new UpdateFacts(kind, millis, previousAnnounce, -1, 0, false, null, 0, 0, 0, -1,
                previous.originAs(), previous.originAs()), previous.withdraw(second));
    }

    private static UpdateFacts facts(UpdateKind kind, long millis, long previousAnnounce, int distance, int lengthChange,
                                     boolean originChanged, BgpUpdate update, PathFacts path, int rareAses, long previousOriginAs) {
        return new UpdateFacts(kind, millis, previousAnnounce, distance, lengthChange, originChanged, update.getOrigin(),
                path.attributesHash(), path.length(), path.uniqueLength(), rareAses, path.originAs(), previousOriginAs);
    }
}
