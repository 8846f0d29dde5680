package dev.vigil.ingest.mrt;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.ingest.net.IpText;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The path attributes of one BGP UPDATE (RFC 4271 section 4.3) that Vigil keeps: ORIGIN, AS_PATH (merged with
 * AS4_PATH as RFC 6793 section 4.2.3 says), NEXT_HOP, COMMUNITIES, LARGE_COMMUNITIES, and the prefixes carried
 * in MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760).
 */
final class PathAttributes {
    static final int ORIGIN = 1;
    static final int AS_PATH = 2;
    static final int NEXT_HOP = 3;
    static final int COMMUNITIES = 8;
    static final int MP_REACH_NLRI = 14;
    static final int MP_UNREACH_NLRI = 15;
    static final int AS4_PATH = 17;
    static final int LARGE_COMMUNITIES = 32;
    static final long AS_TRANS = 23456;

    OriginType origin;
    List<AsPathSegment> asPath = List.of();
    List<AsPathSegment> as4Path;
    String nextHop;
    String mpNextHop;
    final List<String> communities = new ArrayList<>();
    final List<String> mpAnnounced = new ArrayList<>();
    final List<String> mpWithdrawn = new ArrayList<>();

    /** Reads {@code length} bytes of attributes. */
    static PathAttributes read(ByteBuffer in, int length, int asnSize, boolean addPath) {
        PathAttributes attrs = new PathAttributes();
        int end = in.position() + length;
        if (end > in.limit()) {
            throw new MrtFormatException("path attributes run past the message");
        }
        while (in.position() < end) {
            int flags = in.get() & 0xff;
            int type = in.get() & 0xff;
            int attrLength = (flags & 0x10) != 0 ? in.getShort() & 0xffff : in.get() & 0xff;
            int attrEnd = in.position() + attrLength;
            if (attrEnd > end) {
                throw new MrtFormatException("attribute " + type + " runs past the attributes");
            }
            ByteBuffer value = in.slice(in.position(), attrLength);
            attrs.readOne(type, value, asnSize, addPath);
            in.position(attrEnd);
        }
        return attrs;
    }

    private void readOne(int type, ByteBuffer value, int asnSize, boolean addPath) {
        switch (type) {
            case ORIGIN -> origin = origin(value.get() & 0xff);
            case AS_PATH -> asPath = segments(value, asnSize);
            case AS4_PATH -> as4Path = segments(value, 4);
            case NEXT_HOP -> nextHop = IpText.format(bytes(value, 4), 0, 4);
            case COMMUNITIES -> {
                while (value.remaining() >= 4) {
                    communities.add((value.getShort() & 0xffff) + ":" + (value.getShort() & 0xffff));
                }
            }
            case LARGE_COMMUNITIES -> {
                while (value.remaining() >= 12) {
                    communities.add(u32(value) + ":" + u32(value) + ":" + u32(value));
                }
            }
            case MP_REACH_NLRI -> mpReach(value, addPath);
            case MP_UNREACH_NLRI -> mpUnreach(value, addPath);
            default -> {
                // Other attributes (MED, LOCAL_PREF, AGGREGATOR, ...) are not part of BgpUpdate.
            }
        }
    }

    private void mpReach(ByteBuffer value, boolean addPath) {
        int afi = value.getShort() & 0xffff;
        int safi = value.get() & 0xff;
        int nextHopLength = value.get() & 0xff;
        byte[] nh = bytes(value, nextHopLength);
        value.get(); // reserved
        int addressSize = Nlri.addressSize(afi);
        if (addressSize == 0 || !Nlri.unicastOrMulticast(safi)) {
            return;
        }
        // An IPv6 next hop may carry a link-local address after the global one; the global one is kept.
        if (nextHopLength >= addressSize) {
            mpNextHop = IpText.format(nh, 0, addressSize);
        }
        Nlri.read(value, value.remaining(), addressSize, addPath, mpAnnounced);
    }

    private void mpUnreach(ByteBuffer value, boolean addPath) {
        int afi = value.getShort() & 0xffff;
        int safi = value.get() & 0xff;
        int addressSize = Nlri.addressSize(afi);
        if (addressSize == 0 || !Nlri.unicastOrMulticast(safi)) {
            return;
        }
        Nlri.read(value, value.remaining(), addressSize, addPath, mpWithdrawn);
    }

    /** The AS path to report: AS_PATH, with AS4_PATH merged in when a 2-byte session carried one. */
    List<AsPathSegment> mergedPath() {
        if (as4Path == null || as4Path.isEmpty()) {
            return asPath;
        }
        int length = pathLength(asPath);
        int length4 = pathLength(as4Path);
        if (length < length4) {
            return asPath; // RFC 6793: AS4_PATH is ignored when it is longer than AS_PATH.
        }
        List<AsPathSegment> merged = new ArrayList<>();
        int keep = length - length4;
        for (AsPathSegment s : asPath) {
            if (keep <= 0) {
                break;
            }
            if (s.getType() == SegmentType.AS_SET) {
                merged.add(s);
                keep--;
            } else if (s.getType() == SegmentType.AS_SEQUENCE) {
                int n = Math.min(keep, s.getAsns().size());
                merged.add(new AsPathSegment(s.getType(), new ArrayList<>(s.getAsns().subList(0, n))));
                keep -= n;
            } else {
                merged.add(s);
            }
        }
        merged.addAll(as4Path);
        return joinSequences(merged);
    }

    /** The merge leaves the kept AS_PATH head and the AS4_PATH as two sequences; a path has one where they meet. */
    private static List<AsPathSegment> joinSequences(List<AsPathSegment> segments) {
        List<AsPathSegment> out = new ArrayList<>(segments.size());
        for (AsPathSegment s : segments) {
            AsPathSegment last = out.isEmpty() ? null : out.getLast();
            if (last != null && last.getType() == SegmentType.AS_SEQUENCE && s.getType() == SegmentType.AS_SEQUENCE) {
                List<Long> joined = new ArrayList<>(last.getAsns());
                joined.addAll(s.getAsns());
                out.set(out.size() - 1, new AsPathSegment(SegmentType.AS_SEQUENCE, joined));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Path length as RFC 4271 counts it for route selection: an AS_SET counts 1, confederation segments 0. */
    static int pathLength(List<AsPathSegment> path) {
        int n = 0;
        for (AsPathSegment s : path) {
            if (s.getType() == SegmentType.AS_SEQUENCE) {
                n += s.getAsns().size();
            } else if (s.getType() == SegmentType.AS_SET) {
                n++;
            }
        }
        return n;
    }

    private static List<AsPathSegment> segments(ByteBuffer value, int asnSize) {
        List<AsPathSegment> segments = new ArrayList<>(2);
        while (value.remaining() >= 2) {
            int type = value.get() & 0xff;
            int count = value.get() & 0xff;
            if (value.remaining() < count * asnSize) {
                throw new MrtFormatException("AS_PATH segment of " + count + " ASNs is truncated");
            }
            List<Long> asns = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                asns.add(asnSize == 4 ? u32(value) : (long) (value.getShort() & 0xffff));
            }
            segments.add(new AsPathSegment(segmentType(type), asns));
        }
        return segments;
    }

    private static SegmentType segmentType(int code) {
        return switch (code) {
            case 1 -> SegmentType.AS_SET;
            case 2 -> SegmentType.AS_SEQUENCE;
            case 3 -> SegmentType.AS_CONFED_SEQUENCE;
            case 4 -> SegmentType.AS_CONFED_SET;
            default -> throw new MrtFormatException("unknown AS_PATH segment type " + code);
        };
    }

    private static OriginType origin(int code) {
        return switch (code) {
            case 0 -> OriginType.IGP;
            case 1 -> OriginType.EGP;
            case 2 -> OriginType.INCOMPLETE;
            default -> throw new MrtFormatException("unknown ORIGIN " + code);
        };
    }

    static long u32(ByteBuffer in) {
        return in.getInt() & 0xffffffffL;
    }

    static byte[] bytes(ByteBuffer in, int n) {
        if (in.remaining() < n) {
            throw new MrtFormatException("expected " + n + " bytes, found " + in.remaining());
        }
        byte[] out = new byte[n];
        in.get(out);
        return out;
    }
}
