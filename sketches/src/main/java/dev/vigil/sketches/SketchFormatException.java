package dev.vigil.sketches;

/** Thrown when bytes are not a sketch written by {@link Sketch#toBytes()}: truncated, corrupted or foreign. */
public final class SketchFormatException extends IllegalArgumentException {

    public SketchFormatException(String message) {
        super(message);
    }

    public SketchFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
