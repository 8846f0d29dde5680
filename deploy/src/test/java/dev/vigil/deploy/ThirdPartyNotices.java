package dev.vigil.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/src/main/image/THIRD-PARTY-NOTICES.txt, which the images carry in /usr/share/doc/vigil. Free text, then
 * three sections, each a heading line, a line of dashes and one entry per line up to the next blank line:
 * <pre>
 * Licenses ...   SPDX id, name, where its text is (a path in the image or a URL)
 * Projects ...   groupId, project name, URL
 * Libraries ...  groupId:artifactId, version, SPDX license expression
 * </pre>
 * The Libraries section can be regenerated from the images' classpath ({@link #regenerate}); the rest is kept.
 */
final class ThirdPartyNotices {
    static final Path SOURCE = Path.of("src", "main", "image", "THIRD-PARTY-NOTICES.txt");
    static final String LICENSES = "Licenses";
    static final String PROJECTS = "Projects";
    static final String LIBRARIES = "Libraries";
    /** The license of a library the notices do not know yet: the check fails until someone writes the real one. */
    static final String UNKNOWN = "?";

    private static final Pattern TWO_SPACES = Pattern.compile("\\s{2,}");
    private static final Pattern LIBRARY = Pattern.compile("(\\S+):(\\S+)\\s+(\\S+)\\s+(\\S.*)");
    private static final Pattern LICENSE_ID = Pattern.compile("[A-Za-z0-9.+-]+|\\?");
    private static final Set<String> OPERATORS = Set.of("OR", "AND", "WITH");

    record Library(String key, String version, String license) {
        String groupId() {
            return key.substring(0, key.indexOf(':'));
        }

        /** The SPDX license ids of the expression, without operators and parentheses. */
        List<String> licenseIds() {
            List<String> ids = new ArrayList<>();
            Matcher m = LICENSE_ID.matcher(license);
            while (m.find()) {
                if (!OPERATORS.contains(m.group())) {
                    ids.add(m.group());
                }
            }
            return ids;
        }
    }

    /** A section's heading line and dashes are lines[heading] and lines[heading + 1]; entries up to {@code end}. */
    private record Section(int heading, int end) {
    }

    final List<String> lines;
    /** SPDX id to the rest of its line (name and where the text is). */
    final Map<String, String> licenses = new LinkedHashMap<>();
    /** groupId to project name and URL. */
    final Map<String, String> projects = new LinkedHashMap<>();
    final List<Library> libraries = new ArrayList<>();
    private final Section librarySection;

    ThirdPartyNotices(List<String> lines) {
        this.lines = List.copyOf(lines);
        for (String entry : entries(section(LICENSES))) {
            String[] columns = TWO_SPACES.split(entry, 2);
            licenses.put(columns[0], columns.length > 1 ? columns[1] : "");
        }
        for (String entry : entries(section(PROJECTS))) {
            String[] columns = TWO_SPACES.split(entry, 2);
            projects.put(columns[0], columns.length > 1 ? columns[1] : "");
        }
        librarySection = section(LIBRARIES);
        for (String entry : entries(librarySection)) {
            Matcher m = LIBRARY.matcher(entry);
            if (!m.matches()) {
                throw new AssertionError("Not 'groupId:artifactId  version  license' in " + SOURCE + ": " + entry);
            }
            libraries.add(new Library(m.group(1) + ":" + m.group(2), m.group(3), m.group(4).trim()));
        }
    }

    static ThirdPartyNotices read() {
        try {
            return new ThirdPartyNotices(Files.readAllLines(SOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    Map<String, Library> librariesByKey() {
        Map<String, Library> byKey = new TreeMap<>();
        for (Library library : libraries) {
            if (byKey.put(library.key(), library) != null) {
                throw new AssertionError(SOURCE + " lists " + library.key() + " twice");
            }
        }
        return byKey;
    }

    /**
     * These notices with the Libraries section rebuilt from the third-party jars of {@code classpath}: one line per
     * groupId:artifactId, sorted, with the version on the classpath. A library keeps the license these notices give
     * it; a new one takes the license of its groupId's other libraries if they agree, else {@link #UNKNOWN}.
     */
    ThirdPartyNotices regenerate(List<ImageClasspath.Artifact> classpath) {
        Map<String, Library> known = librariesByKey();
        Map<String, Set<String>> groupLicenses = new TreeMap<>();
        for (Library library : libraries) {
            groupLicenses.computeIfAbsent(library.groupId(), g -> new TreeSet<>()).add(library.license());
        }
        Map<String, Library> fresh = new TreeMap<>();
        for (ImageClasspath.Artifact artifact : classpath) {
            if (!artifact.thirdParty()) {
                continue;
            }
            Library old = known.get(artifact.key());
            Set<String> group = groupLicenses.getOrDefault(artifact.groupId(), Set.of());
            String license = old != null ? old.license() : group.size() == 1 ? group.iterator().next() : UNKNOWN;
            Library previous = fresh.put(artifact.key(), new Library(artifact.key(), artifact.version(), license));
            if (previous != null && !previous.version().equals(artifact.version())) {
                throw new AssertionError("The images' classpath holds " + artifact.key() + " in two versions: "
                        + previous.version() + " and " + artifact.version());
            }
        }
        int keyWidth = fresh.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int versionWidth = fresh.values().stream().map(Library::version).mapToInt(String::length).max().orElse(0) + 2;
        List<String> out = new ArrayList<>(lines.subList(0, librarySection.heading() + 2));
        fresh.values().stream().sorted(Comparator.comparing(Library::key)).forEach(l ->
                out.add(pad(l.key(), keyWidth) + pad(l.version(), versionWidth) + l.license()));
        out.addAll(lines.subList(librarySection.end(), lines.size()));
        return new ThirdPartyNotices(out);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(2, width - s.length()));
    }

    private Section section(String name) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith(name) && lines.get(i + 1).matches("-{3,}\\s*")) {
                int end = i + 2;
                while (end < lines.size() && !lines.get(end).isBlank()) {
                    end++;
                }
                return new Section(i, end);
            }
        }
        throw new AssertionError(SOURCE + " has no section '" + name + "' (a heading line, then a line of dashes)");
    }

    private List<String> entries(Section section) {
        return lines.subList(section.heading() + 2, section.end()).stream().map(String::trim).toList();
    }
}
