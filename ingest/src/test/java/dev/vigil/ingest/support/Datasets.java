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
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("vigil.datasets=" + dir + " is not a directory");
        }
        return root;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
