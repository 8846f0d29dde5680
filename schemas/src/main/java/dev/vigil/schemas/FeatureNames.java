package dev.vigil.schemas;

import java.util.List;
import java.util.Map;

/**
 * The feature names of each domain, in the order of a {@code FeatureVector}'s values: one list per domain for the
 * aggregator that computes them, the readers of labelled datasets that supply them, and the benchmarks that simulate
 * them. The aggregator's README defines each feature.
 */
public final class FeatureNames {
    /**
     * The 48 per-peer BGP features of the UFAM-LIA "BGP Feature Extractor" datasets (Fonseca et al., ISCC 2019), in
     * the column order of their CSV header (alphabetical; class, timestamp and timestamp2 are not features). The
     * aggregator computes them under the same names, so a model trained on those files scores live windows.
     */
    public static final List<String> BGP_PEER = List.of(
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

    /** Per origin AS, merged over every peer that saw it. */
    public static final List<String> BGP_ORIGIN = List.of("announcements", "withdrawals", "nlri_ann", "news", "dups",
            "imp_wd", "imp_wd_spath", "imp_wd_dpath", "nadas", "flaps", "wd_dups", "origin_changes", "origin_as_gained",
            "origin_as_lost", "as_path_avg", "as_path_max", "unique_as_path_avg", "unique_as_path_max",
            "edit_distance_avg", "edit_distance_max", "peers");

    /**
     * A service's log request rate against its own usual rate at that hour of the day; 0 until the service's profile
     * has seen that hour, so a service's first day reads 0 where later days read their noise.
     */
    public static final String COUNT_VS_HOUR = "count_vs_hour";

    /** Per service, from its request events; the calendar features last. */
    public static final List<String> TELEMETRY_SERVICE = List.of("event_count", "error_rate", "latency_p50",
            "latency_p95", "latency_p99", "throughput_change", COUNT_VS_HOUR, "hour_sin", "hour_cos", "dow_sin", "dow_cos");

    /** Per metric series, from its samples. */
    public static final List<String> TELEMETRY_METRIC = List.of("mean", "min", "max", "last", "std", "slope");

    private static final Map<String, List<String>> BY_DOMAIN = Map.of(Entities.BGP_PEER, BGP_PEER,
            Entities.BGP_ORIGIN, BGP_ORIGIN, Entities.TELEMETRY_SERVICE, TELEMETRY_SERVICE,
            Entities.TELEMETRY_METRIC, TELEMETRY_METRIC);

    private FeatureNames() {
    }

    /** The feature names of a domain of {@link Entities#DOMAINS}. */
    public static List<String> of(String domain) {
        List<String> names = BY_DOMAIN.get(domain);
        if (names == null) {
            throw new IllegalArgumentException("Unknown domain '" + domain + "'; known: " + Entities.DOMAINS);
        }
        return names;
    }
}
