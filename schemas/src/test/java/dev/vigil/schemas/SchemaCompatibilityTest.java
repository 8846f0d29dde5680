package dev.vigil.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every schema must stay BACKWARD compatible with the version committed before it (consumers upgraded
 * first can still read what old producers wrote), and every field must carry a doc.
 */
class SchemaCompatibilityTest {
    private static final Path AVRO_DIR = Path.of("src/main/avro");
    /** Files that define types others refer to; parsed first, as the avro-maven-plugin imports them. */
    private static final List<String> IMPORTS = List.of("Severity.avsc", "FeatureContribution.avsc");

    @Test
    void everySchemaIsBackwardCompatibleWithItsPreviousCommittedVersion() throws Exception {
        Assumptions.assumeTrue(hasCommit("HEAD"), "not a git checkout (or git is not installed): nothing to compare the schemas with");
        Assumptions.assumeFalse(git("rev-parse", "--is-shallow-repository").trim().equals("true"),
                "a shallow clone holds no earlier versions of the schemas");
        Map<String, Schema> current = parseAll(this::readCurrent);
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (String file : avscFiles()) {
            String commit = previousVersionCommit(file);
            if (commit == null) {
                continue; // new schema, or history not available (shallow clone): nothing to be compatible with
            }
            Map<String, Schema> then = parseAll(f -> gitShow(commit, f));
            Schema old = then.values().stream().filter(sc -> sc.getName().equals(file.replace(".avsc", ""))).findFirst().orElse(null);
            Schema now = old == null ? null : current.get(old.getFullName());
            if (old == null || now == null) {
                // The file has an earlier version, so a comparison must happen: not finding one is a failure.
                problems.add(file + " vs " + commit.substring(0, 8) + ": could not find " + (old == null ? "its earlier" : "its current")
                        + " schema to compare");
            } else {
                compared++;
                if (!backwardCompatible(now, old)) {
                    problems.add(file + " vs " + commit.substring(0, 8) + ": "
                            + SchemaCompatibility.checkReaderWriterCompatibility(now, old).getResult());
                }
            }
        }
        assertTrue(problems.isEmpty(), "Schemas not BACKWARD compatible with their previous committed version: " + problems);
        // The schemas have changed since they were first committed, so a full history always has something to compare.
        assertTrue(compared > 0, "no schema was compared with an earlier version of itself");
        System.out.println("Compared " + compared + " schemas with their previous committed versions");
    }

    /** The newest commit whose version of the file differs from the working copy, or null. */
    private String previousVersionCommit(String file) throws IOException {
        if (!hasCommit("HEAD")) {
            return null;
        }
        String now = readCurrent(file);
        for (String commit : git("log", "--format=%H", "--", AVRO_DIR.resolve(file).toString()).split("\\s+")) {
            if (commit.isBlank()) {
                continue;
            }
            String then = gitShow(commit, file);
            if (then != null && !then.equals(now)) {
                return commit;
            }
        }
        return null;
    }

    @Test
    void theCheckCatchesABreakingChange() {
        Schema old = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema addedWithDefault = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");
        Schema addedWithoutDefault = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"b\",\"type\":\"int\"}]}");
        assertTrue(backwardCompatible(addedWithDefault, old));
        assertFalse(backwardCompatible(addedWithoutDefault, old));
    }

    @Test
    void everyFieldHasADoc() throws Exception {
        List<String> missing = new ArrayList<>();
        parseAll(this::readCurrent).values().forEach(s -> collectUndocumented(s, missing, new ArrayList<>()));
        assertEquals(List.of(), missing);
    }

    private static void collectUndocumented(Schema schema, List<String> missing, List<String> seen) {
        if (schema.getType() == Schema.Type.UNION) {
            schema.getTypes().forEach(t -> collectUndocumented(t, missing, seen));
        } else if (schema.getType() == Schema.Type.ARRAY) {
            collectUndocumented(schema.getElementType(), missing, seen);
        } else if (schema.getType() == Schema.Type.MAP) {
            collectUndocumented(schema.getValueType(), missing, seen);
        } else if (schema.getType() == Schema.Type.RECORD && !seen.contains(schema.getFullName())) {
            seen.add(schema.getFullName());
            for (Schema.Field f : schema.getFields()) {
                if (f.doc() == null || f.doc().isBlank()) {
                    missing.add(schema.getName() + "." + f.name());
                }
                collectUndocumented(f.schema(), missing, seen);
            }
        }
    }

    static boolean backwardCompatible(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType() == SchemaCompatibilityType.COMPATIBLE;
    }

    interface Source {
        String read(String file) throws IOException;
    }

    private String readCurrent(String file) throws IOException {
        return Files.readString(AVRO_DIR.resolve(file));
    }

    private Map<String, Schema> parseAll(Source source) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> out = new LinkedHashMap<>();
        List<String> files = avscFiles();
        files.removeAll(IMPORTS);
        files.addAll(0, IMPORTS);
        for (String file : files) {
            String text = source.read(file);
            if (text != null) {
                Schema s = parser.parse(text);
                out.put(s.getFullName(), s);
            }
        }
        return out;
    }

    private static List<String> avscFiles() throws IOException {
        try (Stream<Path> paths = Files.list(AVRO_DIR)) {
            return new ArrayList<>(paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avsc")).sorted().toList());
        }
    }

    /** False outside a git checkout or without git; any other git failure fails the test. */
    private static boolean hasCommit(String rev) throws IOException {
        try {
            return !git("rev-parse", "--verify", "--quiet", rev).isBlank();
        } catch (GitFailed e) {
            if (e.getMessage().contains("not a git repository") || e.exitCode == 1) {
                return false; // outside a checkout; --quiet exits 1 with no output for a missing revision
            }
            throw e;
        } catch (IOException e) {
            return false; // git itself is missing
        }
    }

    /** The file as committed at rev, or null when the commit does not hold it; any other git failure fails the test. */
    private static String gitShow(String rev, String file) throws IOException {
        try {
            return git("show", rev + ":./" + AVRO_DIR.resolve(file));
        } catch (GitFailed e) {
            if (e.getMessage().contains("does not exist in") || e.getMessage().contains("exists on disk, but not in")) {
                return null; // a schema added since then has no previous version
            }
            throw e;
        }
    }

    /** A git command that ran and failed, with its exit code and what it wrote to stderr. */
    static final class GitFailed extends IOException {
        final int exitCode;

        GitFailed(String command, int exitCode, String stderr) {
            super("git " + command + " exited with " + exitCode + ": " + stderr.trim());
            this.exitCode = exitCode;
        }
    }

    private static String git(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " did not finish within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new GitFailed(String.join(" ", args), p.exitValue(), stderr.join());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}
