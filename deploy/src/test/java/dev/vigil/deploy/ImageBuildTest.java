package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/** The images profile builds one image per app, as the manifests expect them. */
class ImageBuildTest {
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");
    /** Where the images carry the license and the third-party notices. */
    static final String DOC_DIR = "/usr/share/doc/vigil";
    /** What the build copies into DOC_DIR besides the project's LICENSE. */
    private static final Path IMAGE_SOURCES = Path.of("src", "main", "image");

    private final ImageBuild build = ImageBuild.read();
    private final Manifests base = Manifests.readResources(Manifests.BASE);

    @Test
    void imagesAreBuiltOnlyInTheImagesProfile() {
        Element activation = ImageBuild.child(build.profile, "activation");
        assertNull(activation, "the images profile must not activate by itself: base images need a registry");
        Element mainBuild = ImageBuild.child(build.pom.getDocumentElement(), "build");
        assertTrue(mainBuild == null || !mainBuild.getTextContent().contains("jib-maven-plugin"),
                "jib must not run in the default build");
        assertEquals(Arrays.stream(VigilApp.values()).map(a -> a.module).toList(), build.executionIds());
    }

    /**
     * The images' classpath is the module's runtime classpath: the apps are its own dependencies, so that the
     * default build lists that classpath (ImageClasspath), and the profile adds none the list would miss.
     */
    @Test
    void theModuleDependsOnEveryAppAtRuntimeAndTheProfileAddsNothing() {
        Map<String, String> scopes = new HashMap<>();
        for (Element d : ImageBuild.children(ImageBuild.child(build.pom.getDocumentElement(), "dependencies"), "dependency")) {
            String scope = ImageBuild.text(ImageBuild.child(d, "scope"));
            scopes.put(ImageBuild.text(ImageBuild.child(d, "artifactId")), scope == null ? "compile" : scope);
        }
        for (VigilApp app : VigilApp.values()) {
            String scope = scopes.get("vigil-" + app.module);
            assertTrue(scope != null && RUNTIME_SCOPES.contains(scope), "deploy/pom.xml must depend on vigil-" + app.module
                    + " at compile or runtime scope (Jib takes the runtime classpath), has " + scope);
        }
        assertNull(ImageBuild.child(build.profile, "dependencies"),
                "the images profile must not add dependencies: target/image-dependencies.txt would not list them");
    }

    /**
     * Every jar an app declares for runtime, and every jar those Vigil modules declare in turn, is on the images'
     * classpath. A direct test-scope dependency of this module on one of them would win over the apps' compile
     * scope and leave it out of the images (as it once did vigil-kit, with Log4j and the Prometheus registry).
     */
    @Test
    void theImagesHoldEveryRuntimeDependencyOfTheVigilModulesTheyRun() throws Exception {
        Set<String> classpath = ImageClasspath.read().stream().map(ImageClasspath.Artifact::key).collect(Collectors.toSet());
        Deque<String> modules = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (VigilApp app : VigilApp.values()) {
            modules.add("vigil-" + app.module);
        }
        while (!modules.isEmpty()) {
            String module = modules.poll();
            if (!seen.add(module)) {
                continue;
            }
            assertTrue(classpath.contains(ImageClasspath.VIGIL_GROUP + ":" + module), "the images lack " + module);
            Path pom = Path.of("..", module.substring("vigil-".length()), "pom.xml");
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (Element d : ImageBuild.children(ImageBuild.child(root, "dependencies"), "dependency")) {
                String scope = ImageBuild.text(ImageBuild.child(d, "scope"));
                if ((scope != null && !RUNTIME_SCOPES.contains(scope)) || "true".equals(ImageBuild.text(ImageBuild.child(d, "optional")))) {
                    continue;
                }
                String key = ImageBuild.text(ImageBuild.child(d, "groupId")) + ":" + ImageBuild.text(ImageBuild.child(d, "artifactId"));
                assertTrue(classpath.contains(key), module + " needs " + key + " at runtime, the images lack it");
                if (key.startsWith(ImageClasspath.VIGIL_GROUP + ":")) {
                    modules.add(ImageBuild.text(ImageBuild.child(d, "artifactId")));
                }
            }
        }
        assertTrue(seen.contains("vigil-kit"), "the walk never reached the kit: " + seen);
    }

    @ParameterizedTest
    @EnumSource(VigilApp.class)
    void eachImageRunsItsAppOnAJre25BaseAsANonRootUser(VigilApp app) {
        ImageBuild.Execution execution = build.execution(app.module);
        assertEquals("package", execution.phase());
        assertTrue(List.of("build", "buildTar", "dockerBuild").contains(execution.goal()), execution.goal());
        assertEquals("eclipse-temurin:25-jre", execution.value("from", "image"));
        assertEquals(app.mainClass(), execution.value("container", "mainClass"));
        String user = execution.value("container", "user");
        assertNotNull(user);
        assertNotEquals("0", user.split(":")[0]);
        assertNotEquals("root", user.split(":")[0]);
        assertEquals("target/jib-" + app.module + ".tar", execution.value("outputPaths", "tar"),
                "each image needs its own tar, or buildTar overwrites them");
    }

    /** Each image carries the project's LICENSE and the third-party notices, as the build stages them. */
    @ParameterizedTest
    @EnumSource(VigilApp.class)
    void eachImageCarriesTheLicenseAndTheThirdPartyNotices(VigilApp app) throws Exception {
        List<Element> paths = build.execution(app.module).elements("extraDirectories", "paths").stream()
                .filter(p -> DOC_DIR.equals(ImageBuild.text(ImageBuild.child(p, "into")))).toList();
        assertEquals(1, paths.size(), app + ": jib must copy one directory into " + DOC_DIR);
        Element path = paths.getFirst();
        assertNull(ImageBuild.child(path, "includes"), "every staged file goes into the image");
        assertNull(ImageBuild.child(path, "excludes"), "every staged file goes into the image");
        Path staged = Path.of(build.resolve(ImageBuild.text(ImageBuild.child(path, "from"))));
        assertTrue(Files.isDirectory(staged), staged + " (jib's from) is missing: the build stages it at process-resources");
        assertEquals(-1, Files.mismatch(Path.of("..", "LICENSE"), staged.resolve("LICENSE")), "LICENSE in the image");
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(IMAGE_SOURCES)) {
            sources = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(sources.contains(ThirdPartyNotices.SOURCE), sources.toString());
        Set<String> expected = new HashSet<>(Set.of("LICENSE"));
        for (Path source : sources) {
            String name = IMAGE_SOURCES.relativize(source).toString();
            expected.add(name);
            Path copy = staged.resolve(name);
            assertTrue(Files.isRegularFile(copy), copy + " is not staged for the image");
            assertEquals(-1, Files.mismatch(source, copy), copy + " differs from " + source);
        }
        try (Stream<Path> walk = Files.walk(staged)) {
            Set<String> found = walk.filter(Files::isRegularFile).map(f -> staged.relativize(f).toString()).collect(Collectors.toSet());
            assertEquals(expected, found, staged + " holds files src/main/image no longer has: run mvn clean");
        }
        String notices = Files.readString(ThirdPartyNotices.SOURCE);
        assertTrue(notices.contains(DOC_DIR + "/LICENSE"), "the notices must say where the license is in the image");
    }

    /** The images say what the project says: GPL-3.0-or-later, in the label, the parent pom and LICENSE. */
    @Test
    void theImagesAreLicensedAsTheProject() throws Exception {
        String label = build.execution(VigilApp.AGGREGATOR.module).value("container", "labels", "org.opencontainers.image.licenses");
        assertEquals("GPL-3.0-or-later", label);
        Element parent = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("..", "pom.xml").toFile())
                .getDocumentElement();
        assertEquals(label, ImageBuild.text(ImageBuild.find(parent, "licenses", "license", "name")));
        List<String> license = Files.readAllLines(Path.of("..", "LICENSE")).stream().map(String::trim).limit(3).toList();
        assertEquals(List.of("GNU GENERAL PUBLIC LICENSE", "Version 3, 29 June 2007", ""), license);
    }

    /** The entry point exists in the app's own module (the image's classpath holds every app module). */
    @ParameterizedTest
    @EnumSource(VigilApp.class)
    void eachEntryPointIsTheMainOfItsAppModule(VigilApp app) throws Exception {
        String mainClass = build.execution(app.module).value("container", "mainClass");
        Path source = Path.of("..", app.module, "src", "main", "java").resolve(mainClass.replace('.', '/') + ".java");
        assertTrue(Files.isRegularFile(source), source + " does not exist");
        assertTrue(Files.readString(source).contains("public static void main(String[] args)"), source + " has no main");
    }

    @ParameterizedTest
    @EnumSource(VigilApp.class)
    void jvmFlagsSizeTheHeapFromTheContainerLimit(VigilApp app) {
        List<String> flags = build.execution(app.module).values("container", "jvmFlags");
        int percentage = flags.stream().filter(f -> f.startsWith("-XX:MaxRAMPercentage=")).findFirst()
                .map(f -> Integer.parseInt(f.substring(f.indexOf('=') + 1)))
                .orElseThrow(() -> new AssertionError(app + " has no -XX:MaxRAMPercentage"));
        // Streams apps leave half the limit to RocksDB and direct buffers, which live off heap.
        assertTrue(app.streams ? percentage <= 60 : percentage <= 80, app + " heap share " + percentage);
        assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"), "a broken JVM should exit and be restarted");
        assertTrue(flags.contains("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.vigil"), "Avro 1.12 needs our packages (AVRO-4189)");
        assertFalse(flags.stream().anyMatch(f -> f.startsWith("-Xmx")), "a fixed -Xmx ignores the container limit");
    }

    @ParameterizedTest
    @EnumSource(VigilApp.class)
    void manifestsRunTheImageTheBuildNamesAsTheImageUser(VigilApp app) {
        ImageBuild.Execution execution = build.execution(app.module);
        String image = execution.value("to", "image");
        assertEquals(app.imageRepository() + ":" + build.resolve("${project.version}"), image);
        Resource workload = base.get(app.workloadKind(), app.workloadName());
        assertEquals(image, workload.container("app").get("image"));
        Map<String, Object> podSecurity = workload.map("spec", "template", "spec", "securityContext");
        String[] user = execution.value("container", "user").split(":");
        assertEquals(Integer.parseInt(user[0]), podSecurity.get("runAsUser"));
        assertEquals(Integer.parseInt(user[1]), podSecurity.get("runAsGroup"));
        assertEquals(Boolean.TRUE, podSecurity.get("runAsNonRoot"));
    }
}
