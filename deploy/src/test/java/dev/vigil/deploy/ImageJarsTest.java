package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vigil's own jars in the images hold the apps and their libraries, and no benchmark or test double: those live in
 * vigil-bench and in the modules' test-jars (their {@code testing} packages), which only the CLI and the tests use.
 * The test opens every Vigil jar of the images' classpath as the build resolved it (target/image-jars.txt, execution
 * image-jars in deploy/pom.xml; a reactor build without {@code package} resolves a module to its target/classes).
 */
class ImageJarsTest {
    static final Path LIST = Path.of("target", "image-jars.txt");
    /** The Vigil jars the images must hold: the five apps and the libraries they share. */
    private static final Set<String> EXPECTED = Set.of("vigil-aggregator", "vigil-detectors", "vigil-ensemble",
            "vigil-drift-monitor", "vigil-retrainer", "vigil-kit", "vigil-models", "vigil-sketches");
    /**
     * What no app jar may hold: a {@code bench} package, a {@code testing} package (test fixtures), a class named like a
     * benchmark, and the test doubles and workloads that moved out of the apps.
     */
    static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("(^|/)bench/"),
            Pattern.compile("(^|/)testing/"),
            Pattern.compile("Bench[^/]*\\.class$"),
            Pattern.compile("(^|/)(InMemoryRegistry|MapBackend|SyntheticData|SyntheticBgpUpdates|UfamBgpFeatures|MockSchemaRegistry|InMemoryDeadLetterSink)[$.]"));

    /** One Vigil entry of the images' classpath: a jar, or a module's target/classes in a reactor build. */
    record VigilJar(Path path, String name) {
    }

    @Test
    void noVigilJarInTheImagesHoldsBenchmarksOrTestDoubles() {
        List<VigilJar> jars = vigilJars();
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (VigilJar jar : jars) {
            List<String> entries = forbidden(jar.path());
            if (!entries.isEmpty()) {
                found.put(jar.path().toString(), entries);
            }
        }
        assertTrue(found.isEmpty(), "benchmark code or test doubles in the images' jars (move them to vigil-bench or to"
                + " the module's src/test .../testing package):\n" + found.entrySet().stream()
                .map(e -> "  " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n")));
    }

    /** The check above opens the jars the images hold, all of them: no more (the bench, a test-jar) and no fewer. */
    @Test
    void theImagesHoldEveryAppAndLibraryJarAndNeitherTheBenchNorATestJar() {
        List<VigilJar> jars = vigilJars();
        Set<String> names = jars.stream().map(VigilJar::name).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(names.stream().anyMatch(n -> n.startsWith("vigil-bench")), "an app depends on vigil-bench: " + names);
        assertFalse(names.stream().anyMatch(n -> n.endsWith("-tests")), "a test-jar is on the images' classpath: " + names);
        Set<String> expected = new TreeSet<>();
        for (ImageClasspath.Artifact a : ImageClasspath.read()) {
            if (!a.thirdParty()) {
                expected.add(a.artifactId());
                assertTrue(names.contains(a.artifactId() + "-" + a.version()) || names.contains(a.artifactId()),
                        "no file for " + a.key() + " in " + LIST + ": " + names);
            }
        }
        assertTrue(expected.containsAll(EXPECTED), "the images' classpath lacks some of " + EXPECTED + ": " + expected);
        assertEquals(expected.size(), names.size(), "Vigil files " + names + " for the artifacts " + expected);
    }

    /** The check can fail: it finds every kind of entry it forbids, in a jar and in a classes directory. */
    @Test
    void theCheckFindsBenchmarksAndTestDoublesInAJarOrAClassesDirectory(@TempDir Path dir) throws IOException {
        List<String> clean = List.of("dev/vigil/aggregator/AggregatorApp.class", "dev/vigil/aggregator/Main.class",
                "dev/vigil/detectors/VectorScorer.class", "dev/vigil/ensemble/state/Journal.class", "META-INF/MANIFEST.MF");
        List<String> bad = List.of("dev/vigil/aggregator/bench/AggregatorBenchmark.class",
                "dev/vigil/detectors/ScoringBenchmark$Result.class", "dev/vigil/ensemble/EnsembleBench.class",
                "dev/vigil/ensemble/state/MapBackend.class", "dev/vigil/models/testing/SyntheticData.class",
                "dev/vigil/retrainer/InMemoryRegistry.class", "dev/vigil/aggregator/SyntheticBgpUpdates$1.class");
        Path jar = dir.resolve("vigil-aggregator-0.1.0.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("dev/vigil/ensemble/bench/")); // an empty package: no code
            out.closeEntry();
            for (String name : Stream.concat(clean.stream(), bad.stream()).toList()) {
                out.putNextEntry(new JarEntry(name));
                out.closeEntry();
            }
        }
        assertEquals(new TreeSet<>(bad), new TreeSet<>(forbidden(jar)));

        Path classes = dir.resolve("aggregator").resolve("target").resolve("classes");
        Files.createDirectories(classes.resolve("dev/vigil/ensemble/bench"));
        for (String name : Stream.concat(clean.stream(), bad.stream()).toList()) {
            Path file = classes.resolve(name);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(0);
            }
        }
        assertEquals(new TreeSet<>(bad), new TreeSet<>(forbidden(classes)));
        assertEquals("vigil-aggregator", vigilJar(classes).name());
        assertEquals("vigil-aggregator-0.1.0", vigilJar(jar).name());
    }

    /**
     * The files of a jar or classes directory that {@link #FORBIDDEN} matches. Directories are not code, and an
     * incremental build leaves the emptied directory of a moved package behind in target/classes.
     */
    static List<String> forbidden(Path jarOrDirectory) {
        List<String> found = new ArrayList<>();
        for (String entry : entries(jarOrDirectory)) {
            if (FORBIDDEN.stream().anyMatch(p -> p.matcher(entry).find())) {
                found.add(entry);
            }
        }
        return found;
    }

    private static List<String> entries(Path jarOrDirectory) {
        try {
            if (Files.isDirectory(jarOrDirectory)) {
                try (Stream<Path> walk = Files.walk(jarOrDirectory)) {
                    return walk.filter(Files::isRegularFile)
                            .map(f -> jarOrDirectory.relativize(f).toString().replace(File.separatorChar, '/')).toList();
                }
            }
            List<String> names = new ArrayList<>();
            try (JarFile jar = new JarFile(jarOrDirectory.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    if (!entry.isDirectory()) {
                        names.add(entry.getName());
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(jarOrDirectory.toString(), e);
        }
    }

    /** The Vigil entries of target/image-jars.txt: jars named vigil-*, and module class directories. */
    static List<VigilJar> vigilJars() {
        if (!Files.isRegularFile(LIST)) {
            throw new AssertionError(LIST.toAbsolutePath() + " is missing: run the tests through Maven, which writes the"
                    + " images' classpath there at generate-test-resources (deploy/pom.xml, execution image-jars)");
        }
        try {
            return Arrays.stream(Files.readString(LIST).trim().split(Pattern.quote(File.pathSeparator)))
                    .filter(s -> !s.isBlank()).map(Path::of).map(ImageJarsTest::vigilJar)
                    .filter(j -> j != null).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VigilJar vigilJar(Path entry) {
        if (Files.isDirectory(entry)) {
            // <module>/target/classes: third-party dependencies are always jars.
            return new VigilJar(entry, "vigil-" + entry.getParent().getParent().getFileName());
        }
        String file = entry.getFileName().toString();
        return file.startsWith("vigil-") && file.endsWith(".jar")
                ? new VigilJar(entry, file.substring(0, file.length() - ".jar".length())) : null;
    }
}
