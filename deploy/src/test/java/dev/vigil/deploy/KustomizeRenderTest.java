package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.VigilConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders the base and every overlay with {@code kubectl kustomize} and checks the result as the cluster
 * would receive it. Skipped only when kubectl is not installed.
 */
class KustomizeRenderTest {
    private static Path kubectl;

    @BeforeAll
    static void findKubectl() {
        kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed; kustomize rendering is not checked");
    }

    static Manifests render(Path folder) throws Exception {
        // stderr goes to a file: reading one pipe to its end while the other fills up would deadlock.
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", folder.toString())
                    .redirectError(errors.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize " + folder + " timed out");
            assertEquals(0, process.exitValue(), "kubectl kustomize " + folder + ": " + Files.readString(errors));
            return Manifests.parse(out, "kubectl kustomize " + folder);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    static List<Path> overlays() throws Exception {
        try (Stream<Path> dirs = Files.list(Manifests.OVERLAYS)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void everyOverlayRendersEveryAppWithProbesResourcesServiceAndBudget() throws Exception {
        List<Path> overlays = overlays();
        assertTrue(overlays.size() >= 2, "expected dev and prod overlays: " + overlays);
        for (Path overlay : overlays) {
            Manifests rendered = render(overlay);
            for (VigilApp app : VigilApp.values()) {
                Workloads.checkApp(rendered, app);
            }
            checkReferencesResolve(rendered, overlay);
            checkNamespace(rendered, overlay);
        }
    }

    @Test
    void theBaseRendersToo() throws Exception {
        Manifests rendered = render(Manifests.BASE);
        checkReferencesResolve(rendered, Manifests.BASE);
        assertEquals(1, rendered.ofKind("PrometheusRule").size());
        assertEquals("1", rendered.get("ConfigMap", "vigil-grafana-dashboard").labels().get("grafana_dashboard"));
    }

    /** Every overlay creates topics one way or the other, with partition counts the apps agree on. */
    @Test
    void everyOverlayCreatesTheCodesTopicsWithItsPartitionCount() throws Exception {
        for (Path overlay : overlays()) {
            Manifests rendered = render(overlay);
            int partitions = Integer.parseInt(rendered.get("ConfigMap", "vigil-env").map("data").get("VIGIL_TOPICS_PARTITIONS").toString());
            boolean strimzi = !rendered.ofKind("KafkaTopic").isEmpty();
            boolean job = !rendered.ofKind("Job").isEmpty();
            assertTrue(strimzi ^ job, overlay + " must create topics with exactly one of KafkaTopics or the Job");
            if (strimzi) {
                TopicsManifestTest.checkStrimziTopics(rendered, partitions);
            } else {
                Resource topicsJob = rendered.get("Job", "vigil-topics");
                assertEquals("vigil-env", Resource.walk(topicsJob.container("app"), "envFrom", 0, "configMapRef", "name"),
                        "the Job reads VIGIL_TOPICS_PARTITIONS from the apps' own settings");
            }
        }
    }

    /** In prod every app reaches Kafka with SASL over TLS and the registry over HTTPS, and logs no credential. */
    @Test
    void prodAppsGetSecuredKafkaAndRegistrySettings() throws Exception {
        Manifests prod = render(Manifests.OVERLAYS.resolve("prod"));
        for (VigilApp app : VigilApp.values()) {
            Map<String, String> env = Env.of(prod, prod.get(app.workloadKind(), app.workloadName()).container("app"));
            VigilConfig config = VigilConfig.of(app.module, Env.settings(env));
            assertEquals("SASL_SSL", config.kafkaProperties().get("security.protocol"), app.module);
            assertTrue(config.get("vigil.schema.registry.url").startsWith("https://"), app.module);
            assertTrue(config.get("vigil.schema.registry.basic.auth.user.info").contains(Env.SECRET_MARKER), app.module);
            config.describe().forEach((k, v) -> assertFalse(v.contains(Env.SECRET_MARKER), app.module + " would log " + k));
        }
        Map<String, String> registry = Env.of(prod, prod.get("Deployment", "vigil-registry").container("registry"));
        assertEquals("SASL_SSL", registry.get("APICURIO_KAFKASQL_SECURITY_PROTOCOL"));
    }

    /** ConfigMaps named in env, envFrom and volumes exist after kustomize renamed them (hash suffixes). */
    private static void checkReferencesResolve(Manifests rendered, Path overlay) {
        Set<String> configMaps = new TreeSet<>();
        rendered.ofKind("ConfigMap").forEach(c -> configMaps.add(c.name()));
        Set<String> missing = new TreeSet<>();
        for (Resource r : rendered.all()) {
            for (Object volume : r.list("spec", "template", "spec", "volumes")) {
                Object name = Resource.walk(volume, "configMap", "name");
                if (name != null && !configMaps.contains(name.toString())) {
                    missing.add(r + " volume " + name);
                }
            }
            for (Map<String, Object> container : r.containers()) {
                for (Object from : container.get("envFrom") instanceof List<?> l ? l : List.of()) {
                    Object name = Resource.walk(from, "configMapRef", "name");
                    if (name != null && !configMaps.contains(name.toString())) {
                        missing.add(r + " envFrom " + name);
                    }
                }
            }
        }
        assertEquals(Set.of(), missing, overlay + " refers to ConfigMaps it does not contain");
    }

    private static void checkNamespace(Manifests rendered, Path overlay) {
        Set<String> namespaces = new TreeSet<>();
        rendered.all().forEach(r -> namespaces.add(String.valueOf(r.at("metadata", "namespace"))));
        assertEquals(1, namespaces.size(), overlay + " spreads over namespaces " + namespaces);
        assertFalse(namespaces.contains("null"), overlay + " leaves objects without a namespace");
    }
}
