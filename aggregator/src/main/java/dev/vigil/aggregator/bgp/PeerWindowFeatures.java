package dev.vigil.aggregator.bgp;

import dev.vigil.avro.OriginType;
import dev.vigil.ingest.csv.UfamFeatures;
import java.nio.ByteBuffer;

/**
 * The 48 UFAM features of one peer over one window ({@link UfamFeatures#NAMES}); aggregator/README.md gives each
 * definition. Counts are per prefix (one BgpUpdate = one announcement or withdrawal), except origin_0..2, which
 * count UPDATE messages as UFAM does: a message is rebuilt as a run of consecutive announcements of the peer with
 * the same timestamp and attributes. Two UFAM quirks are kept on purpose so that models trained on the UFAM files
 * see the same quantities here: as_path_avg and unique_as_path_avg follow UFAM's integer recurrence (not a mean),
 * and edit_distance_unique_dict_k equals edit_distance_dict_k, as in every published UFAM file.
 */
public final class PeerWindowFeatures {
    static final int MAX_DICT_DISTANCE = 10;
    private static final long NO_MESSAGE = Long.MIN_VALUE;

    long announcements;
    long withdrawals;
    long nlriAnn;
    long news;
    long dups;
    long impWdSpath;
    long impWdDpath;
    long nadas;
    long flaps;
    long wdDups;
    long originChanges;
    final long[] origins = new long[3];
    long paths;
    long asPathMax;
    long asPathAvg;
    long uniqueMax;
    long uniqueAvg;
    long editCount;
    long editSum;
    long editMax;
    final long[] editDict = new long[MAX_DICT_DISTANCE + 1];
    long annToLonger;
    long annToShorter;
    long rarePaths;
    long rareSum;
    long rareMax;
    long lastMessageMillis = NO_MESSAGE;
    long lastMessageHash;

    /** Adds one classified update; {@code windowStartMillis} tells whether its prefix is new to this window. */
    public void add(UpdateFacts f, long windowStartMillis) {
        if (!f.kind().announcement()) {
            withdrawals++;
            if (f.kind() == UpdateKind.DUPLICATE_WITHDRAWAL) {
                wdDups++;
            }
            lastMessageMillis = NO_MESSAGE; // withdrawals precede announcements within a message
            return;
        }
        announcements++;
        if (f.previousAnnounceMillis() < windowStartMillis) {
            nlriAnn++;
        }
        countMessage(f);
        addPath(f);
        switch (f.kind()) {
            case NEW -> news++;
            case DUPLICATE -> dups++;
            case IMPLICIT_SAME_PATH -> impWdSpath++;
            case IMPLICIT_DIFF_PATH -> impWdDpath++;
            case NEW_AFTER_WITHDRAWAL -> nadas++;
            case FLAP -> flaps++;
            default -> throw new IllegalStateException(f.kind().name());
        }
        if (f.editDistance() >= 0) {
            editCount++;
            editSum += f.editDistance();
            editMax = Math.max(editMax, f.editDistance());
            if (f.editDistance() <= MAX_DICT_DISTANCE) {
                editDict[f.editDistance()]++;
            }
            if (f.lengthChange() > 0) {
                annToLonger++;
            } else if (f.lengthChange() < 0) {
                annToShorter++;
            }
        }
        if (f.originAttributeChanged()) {
            originChanges++;
        }
    }

    private void countMessage(UpdateFacts f) {
        if (f.timestampMillis() == lastMessageMillis && f.attributesHash() == lastMessageHash) {
            return;
        }
        lastMessageMillis = f.timestampMillis();
        lastMessageHash = f.attributesHash();
        if (f.origin() != null) {
            origins[f.origin().ordinal()]++;
        }
    }

    private void addPath(UpdateFacts f) {
        paths++;
        asPathMax = Math.max(asPathMax, f.pathLength());
        uniqueMax = Math.max(uniqueMax, f.uniquePathLength());
        // UFAM's recurrences (Python 2 integer division), kept so trained models transfer: a_n = (L*n + a_{n-1}) / n.
        asPathAvg = Math.floorDiv(f.pathLength() * paths + asPathAvg, paths);
        uniqueAvg = Math.floorDiv(f.uniquePathLength() * paths + uniqueMax, paths);
        if (f.rareAses() >= 0) {
            rarePaths++;
            rareSum += f.rareAses();
            rareMax = Math.max(rareMax, f.rareAses());
        }
    }

    /** Updates behind the vector: announcements plus withdrawals. */
    public long eventCount() {
        return announcements + withdrawals;
    }

    /** The 48 values in {@link UfamFeatures#NAMES} order. */
    public double[] values() {
        double[] v = new double[UfamFeatures.NAMES.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(UfamFeatures.NAMES.get(i));
        }
        return v;
    }

    double value(String name) {
        if (name.startsWith("edit_distance_dict_") || name.startsWith("edit_distance_unique_dict_")) {
            return editDict[Integer.parseInt(name.substring(name.lastIndexOf('_') + 1))];
        }
        return switch (name) {
            case "ann_to_longer" -> annToLonger;
            case "ann_to_shorter" -> annToShorter;
            case "announcements" -> announcements;
            case "as_path_avg" -> asPathAvg;
            case "as_path_max" -> asPathMax;
            case "dups" -> dups;
            case "edit_distance_avg" -> editCount == 0 ? 0 : (double) editSum / editCount;
            case "edit_distance_max" -> editMax;
            case "flaps" -> flaps;
            case "imp_wd" -> impWdSpath + impWdDpath;
            case "imp_wd_dpath" -> impWdDpath;
            case "imp_wd_spath" -> impWdSpath;
            case "nadas" -> nadas;
            case "news" -> news;
            case "nlri_ann" -> nlriAnn;
            case "number_rare_ases" -> rareSum;
            case "origin_0" -> origins[OriginType.IGP.ordinal()];
            case "origin_1" -> origins[OriginType.EGP.ordinal()];
            case "origin_2" -> origins[OriginType.INCOMPLETE.ordinal()];
            case "origin_changes" -> originChanges;
            case "rare_ases_avg" -> rarePaths == 0 ? 0 : (double) rareSum / rarePaths;
            case "rare_ases_max" -> rareMax;
            case "unique_as_path_avg" -> uniqueAvg;
            case "unique_as_path_max" -> uniqueMax;
            case "wd_dups" -> wdDups;
            case "withdrawals" -> withdrawals;
            default -> throw new IllegalArgumentException("Not a UFAM feature: " + name);
        };
    }

    private static final int LONGS = 28 + 3 + PeerWindowFeatures.MAX_DICT_DISTANCE + 1;

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(LONGS * 8);
        for (long v : new long[] {announcements, withdrawals, nlriAnn, news, dups, impWdSpath, impWdDpath, nadas, flaps,
                wdDups, originChanges, paths, asPathMax, asPathAvg, uniqueMax, uniqueAvg, editCount, editSum, editMax,
                annToLonger, annToShorter, rarePaths, rareSum, rareMax, lastMessageMillis, lastMessageHash, 0, 0}) {
            out.putLong(v);
        }
        for (long v : origins) {
            out.putLong(v);
        }
        for (long v : editDict) {
            out.putLong(v);
        }
        return out.array();
    }

    public static PeerWindowFeatures decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        PeerWindowFeatures f = new PeerWindowFeatures();
        f.announcements = in.getLong();
        f.withdrawals = in.getLong();
        f.nlriAnn = in.getLong();
        f.news = in.getLong();
        f.dups = in.getLong();
        f.impWdSpath = in.getLong();
        f.impWdDpath = in.getLong();
        f.nadas = in.getLong();
        f.flaps = in.getLong();
        f.wdDups = in.getLong();
        f.originChanges = in.getLong();
        f.paths = in.getLong();
        f.asPathMax = in.getLong();
        f.asPathAvg = in.getLong();
        f.uniqueMax = in.getLong();
        f.uniqueAvg = in.getLong();
        f.editCount = in.getLong();
        f.editSum = in.getLong();
        f.editMax = in.getLong();
        f.annToLonger = in.getLong();
        f.annToShorter = in.getLong();
        f.rarePaths = in.getLong();
        f.rareSum = in.getLong();
        f.rareMax = in.getLong();
        f.lastMessageMillis = in.getLong();
        f.lastMessageHash = in.getLong();
        in.getLong();
        in.getLong();
        for (int i = 0; i < f.origins.length; i++) {
            f.origins[i] = in.getLong();
        }
        for (int i = 0; i < f.editDict.length; i++) {
            f.editDict[i] = in.getLong();
        }
        return f;
    }
}
