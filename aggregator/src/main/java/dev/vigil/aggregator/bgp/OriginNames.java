package dev.vigil.aggregator.bgp;

import dev.vigil.schemas.Entities;

/**
 * Entity names of origin ASes ({@link Entities#origin}), built once per AS rather than once per update, in a
 * direct-mapped cache: an AS whose slot another AS holds replaces it, so memory stays fixed however many ASes pass.
 */
public final class OriginNames {
    private static final int SLOTS = 1 << 13;

    private final long[] asns = new long[SLOTS];
    private final String[] names = new String[SLOTS];

    public String of(long asn) {
        int slot = (int) ((asn * 0x9E3779B97F4A7C15L) >>> 51);
        String name = names[slot];
        if (name == null || asns[slot] != asn) {
            name = Entities.origin(asn);
            names[slot] = name;
            asns[slot] = asn;
        }
        return name;
    }
}
