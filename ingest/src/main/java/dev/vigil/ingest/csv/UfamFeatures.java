package dev.vigil.ingest.csv;

import dev.vigil.schemas.FeatureNames;
import java.util.List;

/** The columns of the UFAM-LIA datasets that are features: {@link FeatureNames#BGP_PEER}, with a lookup by name. */
public final class UfamFeatures {
    public static final List<String> NAMES = FeatureNames.BGP_PEER;

    private UfamFeatures() {
    }

    public static int index(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("Not a UFAM feature: " + name);
        }
        return i;
    }
}
