package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/** The images profile builds one image per app, as the manifests expect them. */
class ImageBuildTest {
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

    @Test
    void theProfileDependsOnEveryAppModule() {
        List<String> artifacts = ImageBuild.children(ImageBuild.child(build.profile, "dependencies"), "dependency").stream()
                .map(d -> ImageBuild.text(ImageBuild.child(d, "artifactId"))).toList();
        for (VigilApp app : VigilApp.values()) {
            assertTrue(artifacts.contains("vigil-" + app.module), "images profile lacks vigil-" + app.module);
        }
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
