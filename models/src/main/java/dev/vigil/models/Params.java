package dev.vigil.models;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed access to string hyper-parameters. Every value read (given or defaulted) is recorded so the
 * model can report exactly what it was trained with.
 */
public final class Params {
    /** Key of the false-positive rate every unsupervised threshold is calibrated for. */
    public static final String TARGET_FPR = "targetFpr";
    public static final double DEFAULT_TARGET_FPR = 0.01;
    /** Key of the random seed; the same data, parameters and seed give the same model. */
    public static final String SEED = "seed";
    /**
     * Key of the features that say when a window is, not how the entity behaves (comma-separated names, e.g. the
     * hour of day as sine and cosine): a model may use them as context, but no rule judges them.
     */
    public static final String CONTEXT_FEATURES = "contextFeatures";

    private final Map<String, String> given;
    private final Map<String, String> used = new TreeMap<>();

    public Params(Map<String, String> given) {
        this.given = given == null ? Map.of() : Map.copyOf(given);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String raw = given.get(key);
        int value;
        try {
            value = raw == null ? defaultValue : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " is not an integer: " + raw, e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("parameter " + key + "=" + value + " is outside [" + min + ", " + max + "]");
        }
        used.put(key, Integer.toString(value));
        return value;
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        String raw = given.get(key);
        double value;
        try {
            value = raw == null ? defaultValue : Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " is not a number: " + raw, e);
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("parameter " + key + "=" + value + " is outside [" + min + ", " + max + "]");
        }
        used.put(key, Double.toString(value));
        return value;
    }

    public long seed() {
        String raw = given.get(SEED);
        long value;
        try {
            value = raw == null ? 42L : Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter seed is not an integer: " + raw, e);
        }
        used.put(SEED, Long.toString(value));
        return value;
    }

    /** A comma-separated list of names (empty when not given). */
    public List<String> names(String key) {
        String raw = given.get(key);
        List<String> names = raw == null ? List.of()
                : Arrays.stream(raw.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        if (raw != null) {
            used.put(key, String.join(",", names));
        }
        return names;
    }

    public double targetFpr() {
        return decimal(TARGET_FPR, DEFAULT_TARGET_FPR, 1e-6, 0.5);
    }

    public <E extends Enum<E>> E choice(String key, E defaultValue) {
        String raw = given.get(key);
        E value = defaultValue;
        if (raw != null) {
            try {
                value = Enum.valueOf(defaultValue.getDeclaringClass(), raw.trim().toUpperCase().replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter " + key + " has unknown value " + raw, e);
            }
        }
        used.put(key, value.name().toLowerCase().replace('_', '-'));
        return value;
    }

    /** The parameters read so far, with defaults filled in; unknown given keys are kept as given. */
    public Map<String, String> used() {
        Map<String, String> all = new TreeMap<>(given);
        all.putAll(used);
        return Map.copyOf(all);
    }
}
