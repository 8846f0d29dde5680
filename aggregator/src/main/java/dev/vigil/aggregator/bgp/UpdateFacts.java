package dev.vigil.aggregator.bgp;

import dev.vigil.avro.OriginType;

/**
 * One classified update: everything a window accumulator adds, so windows need no state lookups of their own.
 *
 * @param kind                   class of the update against the prefix's last state
 * @param timestampMillis        event time
 * @param previousAnnounceMillis time of the prefix's previous announcement by this peer, -1 if none (a window
 *                               counts the prefix in nlri_ann when this is before the window start)
 * @param editDistance           edit distance between the new and the previous AS sequence, -1 when not compared
 * @param lengthChange           sign of new minus previous sequence length (0 when not compared)
 * @param originAttributeChanged the ORIGIN attribute differs from the previous announcement's
 * @param origin                 ORIGIN of an announcement (null for withdrawals or when absent)
 * @param attributesHash         {@link PathFacts#attributesHash()} of an announcement (to rebuild UPDATE messages)
 * @param pathLength             AS sequence length of an announcement
 * @param uniquePathLength       distinct ASNs of an announcement's sequence
 * @param rareAses               rare ASes on the path, -1 while the peer's AS counts warm up (or for withdrawals)
 * @param originAs               origin AS of the announcement, or of the withdrawn route; 0 when unknown
 * @param previousOriginAs       origin AS of the prefix's previous announcement, 0 when unknown
 */
public record UpdateFacts(UpdateKind kind, long timestampMillis, long previousAnnounceMillis, int editDistance,
                          int lengthChange, boolean originAttributeChanged, OriginType origin, int attributesHash,
                          int pathLength, int uniquePathLength, int rareAses, long originAs, long previousOriginAs) {

    /** True when the origin AS of the prefix moved (MOAS-style change) with this announcement. */
    public boolean originAsChanged() {
        return kind.announcement() && previousOriginAs != 0 && originAs != 0 && previousOriginAs != originAs;
    }
}
