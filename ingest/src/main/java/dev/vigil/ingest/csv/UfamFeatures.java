package dev.vigil.ingest.csv;

import java.util.List;

/**
 * The 48 per-peer BGP features of the UFAM-LIA "BGP Feature Extractor" datasets (Fonseca et al., ISCC 2019), in
 * the column order of their CSV header (alphabetical; the columns class, timestamp and timestamp2 are not
 * features). The aggregator computes the same features under the same names for domain {@code bgp-peer}, so a
 * model trained on these files scores live windows; their definitions are in the aggregator's README.
 */
public final class UfamFeatures {
    public static final List<String> NAMES = List.of(
            "ann_to_longer", "ann_to_shorter", "announcements", "as_path_avg", "as_path_max", "dups",
            "edit_distance_avg",
            "edit_distance_dict_0", "edit_distance_dict_1", "edit_distance_dict_10", "edit_distance_dict_2",
            "edit_distance_dict_3", "edit_distance_dict_4", "edit_distance_dict_5", "edit_distance_dict_6",
            "edit_distance_dict_7", "edit_distance_dict_8", "edit_distance_dict_9",
            "edit_distance_max",
            "edit_distance_unique_dict_0", "edit_distance_unique_dict_1", "edit_distance_unique_dict_10",
            "edit_distance_unique_dict_2", "edit_distance_unique_dict_3", "edit_distance_unique_dict_4",
            "edit_distance_unique_dict_5", "edit_distance_unique_dict_6", "edit_distance_unique_dict_7",
            "edit_distance_unique_dict_8", "edit_distance_unique_dict_9",
            "flaps", "imp_wd", "imp_wd_dpath", "imp_wd_spath", "nadas", "news", "nlri_ann", "number_rare_ases",
            "origin_0", "origin_1", "origin_2", "origin_changes", "rare_ases_avg", "rare_ases_max",
            "unique_as_path_avg", "unique_as_path_max", "wd_dups", "withdrawals");

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
