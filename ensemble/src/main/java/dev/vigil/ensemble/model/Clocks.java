package dev.vigil.ensemble.model;

import java.util.Locale;

/**
 * Which clocks a time rule (the fusion wait, the correlation hold, the incident quiet period) runs on.
 * Event time is the largest window end the task has seen, so a replay at any speed behaves as it did live;
 * wall-clock time fires when input stops, so the last windows are not held forever.
 */
public enum Clocks {
    EVENT, WALL, BOTH;

    public static Clocks parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "event", "stream", "event-time", "stream-time" -> EVENT;
            case "wall", "wall-clock", "system" -> WALL;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException("Unknown clock '" + text + "': use event, wall or both");
        };
    }

    /** Whether a deadline has passed on any clock this rule uses. */
    public boolean passed(long eventClock, long eventDeadline, long nowWall, long wallDeadline) {
        boolean event = this != WALL && eventClock >= eventDeadline;
        boolean wall = this != EVENT && nowWall >= wallDeadline;
        return event || wall;
    }
}
