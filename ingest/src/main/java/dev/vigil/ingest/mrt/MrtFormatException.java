package dev.vigil.ingest.mrt;

/** A record or BGP message that does not follow RFC 6396 / RFC 4271. */
public final class MrtFormatException extends RuntimeException {
    public MrtFormatException(String message) {
        super(message);
    }
}
