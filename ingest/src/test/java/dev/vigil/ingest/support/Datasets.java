package dev.vigil.ingest.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real datasets, found through the {@code vigil.datasets} system property that surefire sets. */
public final class Datasets {
    private Datasets() {
    }

    public static Path root() {
        String dir = System.getProperty("vigil.datasets");
        if (dir == null) {
            throw new IllegalStateException("System property vigil.datasets is not set (surefire sets it to ../shared/datasets)");
        }
        Path root = Path.of(dir);
        // The real datasets live beside the checkout (../shared/datasets); without them these tests are skipped.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(root), "datasets folder " + root.toAbsolutePath() + " is not present");
        return root;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
