package dev.vigil.aggregator.bgp;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.SegmentType;
import java.util.List;
import java.util.Objects;

/**
 * What the features need from an announcement's attributes.
 *
 * @param sequence        the ASNs of the AS_SEQUENCE segments in path order (AS_SETs and confederation
 *                        segments left out, as UFAM measures path length and edit distance on the sequence)
 * @param uniqueAsns      the distinct ASNs of {@code sequence} (prepending removed), in first-seen order
 * @param originAs        the origin AS: the last ASN of the last segment when that is a sequence or a one-member
 *                        set, 0 when unknown (empty path, or a path ending in a larger AS_SET)
 * @param pathHash        hash of the whole AS path, sets and segment types included
 * @param attributesHash  hash of the AS path, ORIGIN, NEXT_HOP and communities: equal hashes are taken as an
 *                        identical announcement (32 bits: a false "duplicate" has odds of about 1 in 4 billion)
 */
public record PathFacts(long[] sequence, long[] uniqueAsns, long originAs, int pathHash, int attributesHash) {

    public int length() {
        return sequence.length;
    }

    public int uniqueLength() {
        return uniqueAsns.length;
    }

    public static PathFacts of(BgpUpdate update) {
        List<AsPathSegment> path = update.getAsPath();
        int n = 0;
        for (AsPathSegment s : path) {
            if (s.getType() == SegmentType.AS_SEQUENCE) {
                n += s.getAsns().size();
            }
        }
        long[] sequence = new long[n];
        int i = 0;
        int pathHash = 1;
        for (AsPathSegment s : path) {
            pathHash = 31 * pathHash + s.getType().ordinal();
            for (Long asn : s.getAsns()) {
                pathHash = 31 * pathHash + Long.hashCode(asn);
                if (s.getType() == SegmentType.AS_SEQUENCE) {
                    sequence[i++] = asn;
                }
            }
            pathHash = 31 * pathHash + 7;
        }
        // Stored in the prefix state and compared after restarts, so only hashes that are the same in every JVM: the
        // ORIGIN by its ordinal (an enum's own hashCode is its identity, different in each JVM).
        int origin = update.getOrigin() == null ? -1 : update.getOrigin().ordinal();
        int attributesHash = Objects.hash(pathHash, origin, update.getNextHop(), update.getCommunities());
        return new PathFacts(sequence, distinct(sequence), origin(path), pathHash, attributesHash);
    }

    private static long origin(List<AsPathSegment> path) {
        if (path.isEmpty()) {
            return 0;
        }
        AsPathSegment last = path.getLast();
        List<Long> asns = last.getAsns();
        if (asns.isEmpty()) {
            return 0;
        }
        return last.getType() == SegmentType.AS_SEQUENCE || asns.size() == 1 ? asns.getLast() : 0;
    }

    static long[] distinct(long[] sequence) {
        long[] out = new long[sequence.length];
        int n = 0;
        outer:
        for (long asn : sequence) {
            for (int j = 0; j < n; j++) {
                if (out[j] == asn) {
                    continue outer;
                }
            }
            out[n++] = asn;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
