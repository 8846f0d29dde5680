package dev.vigil.aggregator.bgp;

/** How an update relates to the last state of its (peer, prefix), in the UFAM taxonomy. */
public enum UpdateKind {
    /** Announcement of a prefix with no known state (never seen, expired, or only withdrawn before we knew it). */
    NEW,
    /** Re-announcement of an announced prefix with identical attributes. */
    DUPLICATE,
    /** Re-announcement of an announced prefix with different attributes but the same AS path. */
    IMPLICIT_SAME_PATH,
    /** Re-announcement of an announced prefix with a different AS path. */
    IMPLICIT_DIFF_PATH,
    /** Announcement of a withdrawn prefix with attributes different from its last ones (UFAM "nada"). */
    NEW_AFTER_WITHDRAWAL,
    /** Announcement of a withdrawn prefix with its last attributes again (UFAM "flap"). */
    FLAP,
    /** Withdrawal of a prefix not already withdrawn. */
    WITHDRAWAL,
    /** Withdrawal of a prefix that is already withdrawn. */
    DUPLICATE_WITHDRAWAL;

    public boolean announcement() {
        return this != WITHDRAWAL && this != DUPLICATE_WITHDRAWAL;
    }
}
