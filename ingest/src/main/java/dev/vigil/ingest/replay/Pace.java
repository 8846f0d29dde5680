package dev.vigil.ingest.replay;

import java.util.Locale;

/**
 * How fast a replay goes: at the original pace of the event timestamps, sped up by a factor, or as fast as the
 * sink takes records.
 *
 * @param speedUp event-time seconds per wall-clock second; {@code 0} means no pacing at all
 */
public record Pace(double speedUp) {
    public Pace {
        if (speedUp < 0 || Double.isNaN(speedUp) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("A speed-up factor is a finite number >= 0, not " + speedUp);
        }
    }

    public static Pace original() {
        return new Pace(1);
    }

    public static Pace speedUp(double factor) {
        if (factor <= 0) {
            throw new IllegalArgumentException("A speed-up factor is > 0, not " + factor);
        }
        return new Pace(factor);
    }

    public static Pace asFastAsPossible() {
        return new Pace(0);
    }

    public boolean paced() {
        return speedUp > 0;
    }

    /** Parses {@code original}, {@code max} (or {@code fast}), or a factor such as {@code 10} or {@code 10x}. */
    public static Pace parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "original", "1", "1x" -> original();
            case "max", "fast", "asap", "0" -> asFastAsPossible();
            default -> {
                try {
                    yield speedUp(Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("A pace is original, max, or a factor like 10x, not '" + text + "'");
                }
            }
        };
    }

    @Override
    public String toString() {
        return !paced() ? "max" : speedUp == 1 ? "original" : speedUp + "x";
    }
}
