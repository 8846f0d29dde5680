package dev.vigil.registry;

/** An artifact is incomplete or its bytes do not match the SHA-256 its version announced. */
public class ArtifactIntegrityException extends RuntimeException {
    public ArtifactIntegrityException(String message) {
        super(message);
    }
}
