package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.VigilConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The base manifests: one workload per app with probes, resources, a metrics Service and a budget. */
class WorkloadManifestTest {
    private final Manifests base = Manifests.readResources(Manifests.BASE);

    @ParameterizedTest
    @EnumSource(VigilApp.class)
    void everyAppHasAWorkloadWithProbesResourcesServiceAndBudget(VigilApp app) {
        Workloads.checkApp(base, app);
    }

    @ParameterizedTest
    @EnumSource(VigilApp.class)
    void everyAppReadsTheSharedSettingsAndItsOwnConfigFile(VigilApp app) {
        Resource workload = base.get(app.workloadKind(), app.workloadName());
        Map<String, Object> container = workload.container("app");
        assertEquals("vigil-env", Resource.walk(container, "envFrom", 0, "configMapRef", "name"));
        Path configFile = Path.of(Workloads.env(container).get("VIGIL_CONFIG_FILE"));
        String volume = Workloads.mounts(container).entrySet().stream()
                .filter(m -> m.getValue().equals(configFile.getParent().toString())).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError(workload + " does not mount " + configFile.getParent()));
        String configMap = workload.list("spec", "template", "spec", "volumes").stream()
                .filter(v -> volume.equals(Resource.walk(v, "name")))
                .map(v -> String.valueOf(Resource.walk(v, "configMap", "name"))).findFirst().orElseThrow();
        assertTrue(base.get("ConfigMap", configMap).map("data").containsKey(configFile.getFileName().toString()),
                configMap + " must hold " + configFile.getFileName());
    }

    /**
     * Static membership keeps a restarted instance's tasks; the id must reach only the stream threads'
     * consumers (one id per thread), not the plain clients an app builds from the same settings.
     */
    @Test
    void streamsAppsUseStaticMembershipOnTheirStreamThreadsOnly() {
        for (VigilApp app : VigilApp.streamsApps()) {
            Resource workload = base.get(app.workloadKind(), app.workloadName());
            Map<String, Object> container = workload.container("app");
            Map<String, String> env = Env.of(base, container);
            assertTrue(!env.containsKey("KAFKA_GROUP_INSTANCE_ID"), app + ": group.instance.id would reach every client");
            assertEquals("field:metadata.name", env.get("KAFKA_MAIN_CONSUMER_GROUP_INSTANCE_ID"), app.toString());
            VigilConfig config = VigilConfig.of(app.module, Env.settings(Map.of(
                    "KAFKA_MAIN_CONSUMER_GROUP_INSTANCE_ID", workload.name() + "-0")));
            org.apache.kafka.streams.StreamsConfig streams = new org.apache.kafka.streams.StreamsConfig(
                    dev.vigil.kit.app.StreamsProperties.of(app.module, config));
            assertEquals(workload.name() + "-0-1", streams.getMainConsumerConfigs("g", "c", 1).get("group.instance.id"));
            assertEquals(null, streams.getRestoreConsumerConfigs("c").get("group.instance.id"));
            assertEquals(null, config.kafkaProperties().get("group.instance.id"));
        }
    }

    /** A misspelt variable is silently ignored by the kit, so every VIGIL_* name must be a setting it reads. */
    @Test
    void sharedSettingsAreSettingsTheKitKnows() {
        Map<String, Object> data = base.get("ConfigMap", "vigil-env").map("data");
        Set<String> kitDefaults = VigilConfig.of("deploy", Map.of()).asMap().keySet();
        Set<String> unknown = new TreeSet<>();
        data.keySet().forEach(name -> {
            String key = Env.settingKey(name);
            assertTrue(name.startsWith("KAFKA_") || name.startsWith("VIGIL_"), name + " would be ignored by the kit");
            if (!kitDefaults.contains(key) && !key.startsWith("kafka.")) {
                unknown.add(name);
            }
        });
        assertEquals(Set.of(), unknown, "settings the kit has no default for");
        VigilConfig config = VigilConfig.of("deploy", Env.settings(data));
        assertEquals(false, config.getBoolean("vigil.topics.create", true), "KafkaTopics or the Job own the topics");
        assertTrue(config.get("vigil.schema.registry.url").startsWith("http://vigil-registry:"),
                "the apps use the registry deployed beside them");
    }

    @Test
    void theRegistryIsTheApicurioReleaseTheDevstackTestsAgainst() throws Exception {
        Resource registry = base.get("Deployment", "vigil-registry");
        Map<String, Object> container = registry.container("registry");
        String parentPom = java.nio.file.Files.readString(Path.of("..", "pom.xml"));
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("<apicurio.version>([^<]+)</apicurio.version>").matcher(parentPom);
        assertTrue(version.find());
        assertEquals("quay.io/apicurio/apicurio-registry:" + version.group(1), container.get("image"));
        Map<String, String> env = Workloads.env(container);
        assertEquals("kafkasql", env.get("APICURIO_STORAGE_KIND"), "schema ids must survive a registry restart");
        assertEquals("BACKWARD", env.get("APICURIO_RULES_GLOBAL_COMPATIBILITY"));
        for (String probe : new String[] {"livenessProbe", "readinessProbe"}) {
            assertEquals("management", Resource.walk(container, probe, "httpGet", "port"));
        }
        int registryPort = ((Number) Workloads.port(container, "http").get("containerPort")).intValue();
        String url = base.get("ConfigMap", "vigil-env").map("data").get("VIGIL_SCHEMA_REGISTRY_URL").toString();
        assertTrue(url.startsWith("http://" + registry.name() + ":" + registryPort + "/apis/ccompat/v7"), url);
        Workloads.checkResourcesOf(registry, container);
        assertEquals(1, base.selecting("PodDisruptionBudget", registry.map("spec", "template", "metadata", "labels")).size());
    }
}
