package dev.vigil.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The images' classpath: this module's runtime dependencies (every app and what the apps need), which is what
 * Jib puts in /app/libs. The build lists them in target/image-dependencies.txt (maven-dependency-plugin
 * {@code list}, bound to generate-test-resources in deploy/pom.xml).
 */
final class ImageClasspath {
    static final Path LIST = Path.of("target", "image-dependencies.txt");
    static final String VIGIL_GROUP = "dev.vigil";
    /** Scopes on a runtime classpath: Jib copies these into the image. */
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime", "system");
    /** maven-dependency-plugin writes terminal colours into the file as well. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    /** One resolved jar: groupId:artifactId:type[:classifier]:version:scope. */
    record Artifact(String groupId, String artifactId, String version, String scope) {
        String key() {
            return groupId + ":" + artifactId;
        }

        boolean thirdParty() {
            return !VIGIL_GROUP.equals(groupId);
        }
    }

    private ImageClasspath() {
    }

    static List<Artifact> read() {
        if (!Files.isRegularFile(LIST)) {
            throw new AssertionError(LIST.toAbsolutePath() + " is missing: run the tests through Maven, which lists the"
                    + " images' classpath there at generate-test-resources (deploy/pom.xml, execution image-classpath)");
        }
        try {
            return parse(Files.readAllLines(LIST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runtime-scope artifacts of a dependency:list output; headers, blank lines and module notes are skipped. */
    static List<Artifact> parse(List<String> lines) {
        List<Artifact> artifacts = new ArrayList<>();
        for (String raw : lines) {
            String line = ANSI.matcher(raw).replaceAll("").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+")[0].split(":");
            if (parts.length != 5 && parts.length != 6) {
                continue;
            }
            String scope = parts[parts.length - 1];
            if (RUNTIME_SCOPES.contains(scope)) {
                artifacts.add(new Artifact(parts[0], parts[1], parts[parts.length - 2], scope));
            }
        }
        return artifacts;
    }
}
