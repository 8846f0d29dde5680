package dev.vigil.models.fusion;

import java.util.Arrays;

/**
 * When an entity's anomalous windows are enough to open an incident: at least {@code windows} anomalous windows
 * among its last {@code of} windows. BGP anomalies last minutes to days while a single noisy minute is common, so
 * waiting for a second and third anomalous minute trades two minutes of delay for far fewer false incidents.
 * {@link #FIRST} (1 of 1) opens on the first anomalous window. The ensemble app and the BGP bench both use it.
 */
public record Confirmation(int windows, int of) {
    public static final Confirmation FIRST = new Confirmation(1, 1);

    public Confirmation {
        if (windows < 1 || of < windows) {
            throw new IllegalArgumentException("confirmation needs 1 <= windows <= of, got " + windows + "/" + of);
        }
    }

    /** {@code "3/5"}: 3 anomalous windows among the last 5. */
    public static Confirmation parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new Confirmation(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected <windows>/<of>, e.g. 3/5, got '" + text + "'");
    }

    /**
     * The anomalous window starts still inside the last {@code of} windows once {@code windowStart} (a new anomalous
     * window) is added, oldest first, at most {@code windows} of them: the state an entity keeps between windows.
     */
    public long[] remember(long[] recent, long windowStart, long windowMillis) {
        long since = windowStart - (of - 1) * Math.max(1, windowMillis);
        long[] kept = Arrays.stream(recent).filter(s -> s >= since && s != windowStart).toArray();
        long[] out = Arrays.copyOf(kept, kept.length + 1);
        out[kept.length] = windowStart;
        Arrays.sort(out);
        return out.length > windows ? Arrays.copyOfRange(out, out.length - windows, out.length) : out;
    }

    /** Whether the remembered starts confirm an incident. */
    public boolean confirmed(long[] remembered) {
        return remembered.length >= windows;
    }

    public String label() {
        return windows + "/" + of;
    }
}
