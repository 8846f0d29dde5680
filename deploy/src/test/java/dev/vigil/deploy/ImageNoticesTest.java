package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.deploy.ImageClasspath.Artifact;
import dev.vigil.deploy.ThirdPartyNotices.Library;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The third-party notices the images carry (deploy/src/main/image/THIRD-PARTY-NOTICES.txt) name every third-party
 * jar on the images' classpath, at the version the build resolves, with a license, and nothing else.
 */
class ImageNoticesTest {
    /** Where the test writes the notices regenerated from the classpath, to copy over the source when it fails. */
    static final Path REFRESHED = Path.of("target", "THIRD-PARTY-NOTICES.txt");
    /**
     * Licenses under which a library may be shipped with GPL-3.0-or-later code (the FSF's list of GPLv3-compatible
     * licenses, the ones Vigil's libraries use or are likely to). Anything else needs a person to look at it.
     */
    private static final Set<String> GPL3_COMPATIBLE = Set.of("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause",
            "CC0-1.0", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later");

    private final ThirdPartyNotices notices = ThirdPartyNotices.read();
    private final List<Artifact> classpath = ImageClasspath.read();

    @Test
    void theNoticesListEveryThirdPartyJarOfTheImagesAtItsVersion() throws Exception {
        ThirdPartyNotices refreshed = notices.regenerate(classpath);
        Files.writeString(REFRESHED, refreshed.text());
        Map<String, Library> listed = notices.librariesByKey();
        Map<String, Library> actual = refreshed.librariesByKey();
        List<String> problems = new ArrayList<>();
        actual.forEach((key, library) -> {
            Library old = listed.get(key);
            if (old == null) {
                problems.add("not listed: " + key + " " + library.version());
            } else if (!old.version().equals(library.version())) {
                problems.add("listed at " + old.version() + ", the images hold " + key + " " + library.version());
            }
        });
        listed.keySet().stream().filter(key -> !actual.containsKey(key)).forEach(key -> problems.add("not in the images: " + key));
        String refresh = "\nThe notices regenerated from the classpath are in " + REFRESHED.toAbsolutePath()
                + ": give every new library its license (it says " + ThirdPartyNotices.UNKNOWN + " where the notices"
                + " do not know it) and its groupId a Projects line, then copy it over deploy/" + ThirdPartyNotices.SOURCE;
        assertTrue(problems.isEmpty(), ThirdPartyNotices.SOURCE + " is out of date:\n  " + String.join("\n  ", problems) + refresh);
        assertEquals(refreshed.text(), notices.text(), "the Libraries section is not in the generated order and layout" + refresh);
        assertTrue(actual.containsKey("com.github.haifengl:smile-core") && actual.containsKey("org.apache.kafka:kafka-streams"),
                "the classpath the notices are checked against lacks the apps' libraries: " + actual.keySet());
    }

    @Test
    void everyLibraryHasALicenseAndAProjectTheNoticesDescribe() {
        assertFalse(notices.libraries.isEmpty());
        for (Library library : notices.libraries) {
            List<String> ids = library.licenseIds();
            assertFalse(ids.isEmpty(), library + " has no license");
            for (String id : ids) {
                assertNotEquals(ThirdPartyNotices.UNKNOWN, id, library.key() + ": write the library's license");
                assertTrue(notices.licenses.containsKey(id), library.key() + ": license " + id + " is not in the Licenses section");
            }
            assertTrue(notices.projects.containsKey(library.groupId()), library.groupId() + " has no line in the Projects section");
        }
    }

    @Test
    void everyLicenseAndProjectTheNoticesDescribeIsUsed() {
        Set<String> ids = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (Library library : notices.libraries) {
            ids.addAll(library.licenseIds());
            groups.add(library.groupId());
        }
        ids.add("GPL-3.0-or-later");
        assertEquals(ids, new TreeSet<>(notices.licenses.keySet()), "Licenses section");
        assertEquals(groups, new TreeSet<>(notices.projects.keySet()), "Projects section");
    }

    /** A license text the notices point to in the image is there; the others are web addresses. */
    @Test
    void everyLicenseTextTheNoticesPointToIsInTheImage() {
        Path staged = Path.of("target", "image-doc");
        notices.licenses.forEach((id, rest) -> {
            String[] columns = rest.split("\\s{2,}");
            String where = columns[columns.length - 1];
            if (where.startsWith(ImageBuildTest.DOC_DIR + "/")) {
                Path text = staged.resolve(where.substring(ImageBuildTest.DOC_DIR.length() + 1));
                assertTrue(Files.isRegularFile(text), id + ": " + where + " is not staged for the image (" + text + ")");
            } else {
                assertTrue(where.startsWith("https://"), id + ": neither a path in " + ImageBuildTest.DOC_DIR + " nor a URL: " + where);
            }
        });
    }

    /** Every library can ship with Vigil's GPL-3.0-or-later code under at least one of its licenses. */
    @Test
    void everyLibraryMayBeDistributedWithGpl3Code() {
        for (Library library : notices.libraries) {
            assertFalse(library.license().contains(" AND ") || library.license().contains(" WITH "),
                    library.key() + ": " + library.license() + " needs a person to check it against GPL-3.0");
            assertTrue(library.licenseIds().stream().anyMatch(GPL3_COMPATIBLE::contains),
                    library.key() + ": " + library.license() + " is not known to be GPL-3.0 compatible; check it, then extend the list");
        }
    }

    /** The check is not vacuous: a new jar, a version change and a removed jar all change the regenerated notices. */
    @Test
    void aNewJarAVersionChangeAndARemovedJarChangeTheNotices() {
        List<Artifact> more = new ArrayList<>(classpath);
        more.add(new Artifact("org.example", "extra", "1.0", "runtime"));
        more.add(new Artifact("org.apache.kafka", "kafka-extra", "4.3.1", "compile"));
        more.add(new Artifact("dev.vigil", "vigil-extra", "0.1.0-SNAPSHOT", "compile"));
        Map<String, Library> grown = notices.regenerate(more).librariesByKey();
        assertEquals(ThirdPartyNotices.UNKNOWN, grown.get("org.example:extra").license(), "an unknown group's license is unknown");
        assertEquals("Apache-2.0", grown.get("org.apache.kafka:kafka-extra").license(), "a known group's license carries over");
        assertFalse(grown.containsKey("dev.vigil:vigil-extra"), "Vigil's own jars are not third-party");

        List<Artifact> bumped = classpath.stream().map(a -> a.key().equals("org.apache.kafka:kafka-clients")
                ? new Artifact(a.groupId(), a.artifactId(), a.version() + ".1", a.scope()) : a).toList();
        assertNotEquals(notices.text(), notices.regenerate(bumped).text());

        List<Artifact> fewer = classpath.stream().filter(a -> !a.key().equals("org.slf4j:slf4j-api")).toList();
        assertFalse(notices.regenerate(fewer).librariesByKey().containsKey("org.slf4j:slf4j-api"));
    }

    /** dependency:list's output as the plugin writes it: a header, colours, module notes, classifiers, all scopes. */
    @Test
    void theClasspathListIsReadAsMavenWritesIt() {
        List<Artifact> parsed = ImageClasspath.parse(List.of(
                "",
                "The following files have been resolved:",
                "   org.rocksdb:rocksdbjni:jar:10.1.3:compile\u001B[36m -- module rocksdbjni\u001B[0;1;33m (auto)\u001B[m",
                "   com.example:native:jar:linux-x86_64:2.0:runtime",
                "   org.junit.jupiter:junit-jupiter-api:jar:5.14.1:test",
                "   org.example:provided:jar:1.0:provided"));
        assertEquals(List.of(new Artifact("org.rocksdb", "rocksdbjni", "10.1.3", "compile"),
                new Artifact("com.example", "native", "2.0", "runtime")), parsed);
    }
}
