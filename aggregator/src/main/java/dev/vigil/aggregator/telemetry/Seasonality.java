package dev.vigil.aggregator.telemetry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Cyclic encodings of a window's start (UTC) so that models see 23:55 next to 00:00 and Sunday next to Monday:
 * hour-of-day h = hour + minute/60 as sin(2πh/24), cos(2πh/24); day-of-week d = 0 (Monday) .. 6 (Sunday) as
 * sin(2πd/7), cos(2πd/7).
 */
public final class Seasonality {
    private Seasonality() {
    }

    /** {hour_sin, hour_cos, dow_sin, dow_cos}. */
    public static double[] of(Instant windowStart) {
        ZonedDateTime t = windowStart.atZone(ZoneOffset.UTC);
        double hour = t.getHour() + t.getMinute() / 60.0;
        int day = t.getDayOfWeek().getValue() - 1;
        double h = 2 * Math.PI * hour / 24;
        double d = 2 * Math.PI * day / 7;
        return new double[] {Math.sin(h), Math.cos(h), Math.sin(d), Math.cos(d)};
    }
}
