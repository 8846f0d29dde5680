package dev.vigil.kit.config;

import java.time.Duration;
import java.util.Locale;

/** Parses the short durations operators type ({@code 30s}, {@code 5m}) as well as ISO-8601. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        int split = 0;
        while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("expected a number with a unit (ms, s, m, h, d) or ISO-8601");
        }
        double amount = Double.parseDouble(t.substring(0, split));
        String unit = t.substring(split).trim();
        long millis = switch (unit) {
            case "ms" -> Math.round(amount);
            case "s", "" -> Math.round(amount * 1_000);
            case "m", "min" -> Math.round(amount * 60_000);
            case "h" -> Math.round(amount * 3_600_000);
            case "d" -> Math.round(amount * 86_400_000);
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' (use ms, s, m, h, d)");
        };
        return Duration.ofMillis(millis);
    }

    /** The short form of a duration, for logs and docs. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
