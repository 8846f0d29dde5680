package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The security components give the kit exactly the settings it needs for SASL/SCRAM or mTLS to Kafka and
 * TLS with basic auth to the registry, every credential comes from a Secret, and the kit masks each one
 * when it logs its configuration.
 */
class SecuritySettingsTest {
    /** Variable names that carry credentials. */
    static final Pattern CREDENTIAL = Pattern.compile(".*(PASSWORD|JAAS|USER_INFO|SECRET|TOKEN|_EMBEDDED_USERS_).*");

    private final Manifests base = Manifests.readResources(Manifests.BASE);

    @Test
    void scramGivesEveryKafkaClientSaslSslWithASecretJaasConfig() {
        VigilConfig config = appConfig("kafka-scram/apps-scram.yaml");
        Properties kafka = config.kafkaProperties();
        assertEquals("SASL_SSL", kafka.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", kafka.get("sasl.mechanism"));
        assertEquals(Env.SECRET_MARKER + "vigil-kafka-user/sasl.jaas.config", kafka.get("sasl.jaas.config"));
        assertMountedFromSecret("kafka-scram/apps-scram.yaml", kafka.getProperty("ssl.truststore.location"));
        assertCredentialsHidden(config);
    }

    @Test
    void mtlsGivesEveryKafkaClientAKeystoreAndTruststoreFromSecrets() {
        VigilConfig config = appConfig("kafka-mtls/apps-mtls.yaml");
        Properties kafka = config.kafkaProperties();
        assertEquals("SSL", kafka.get("security.protocol"));
        assertMountedFromSecret("kafka-mtls/apps-mtls.yaml", kafka.getProperty("ssl.keystore.location"));
        assertMountedFromSecret("kafka-mtls/apps-mtls.yaml", kafka.getProperty("ssl.truststore.location"));
        assertTrue(kafka.getProperty("ssl.keystore.password").startsWith(Env.SECRET_MARKER));
        assertCredentialsHidden(config);
    }

    @Test
    void registryClientUsesHttpsBasicAuthAndATrustStoreTheRegistryAccepts() {
        VigilConfig config = appConfig("registry-tls-auth/apps-registry-client.yaml");
        RegistrySettings registry = RegistrySettings.from(config);
        assertTrue(registry.url().startsWith("https://vigil-registry:8443/"), registry.url());
        assertMountedFromSecret("registry-tls-auth/apps-registry-client.yaml", registry.truststoreLocation());
        assertTrue(registry.truststorePassword().startsWith(Env.SECRET_MARKER));
        Resource server = Manifests.read(Manifests.COMPONENTS.resolve("registry-tls-auth/registry-tls-auth.yaml")).getFirst();
        Map<String, String> serverEnv = Env.of(base, server.container("registry"));
        // The registry's only user and the apps' user-info name the same user and the same Secret key.
        String user = registry.basicAuthUserInfo().substring(0, registry.basicAuthUserInfo().indexOf(':'));
        String password = registry.basicAuthUserInfo().substring(user.length() + 1);
        assertEquals(password, serverEnv.get("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_" + user.toUpperCase()));
        assertTrue(password.startsWith(Env.SECRET_MARKER), password);
        assertEquals("disabled", serverEnv.get("QUARKUS_HTTP_INSECURE_REQUESTS"));
        assertEquals(registry.url().split(":")[2].split("/")[0], serverEnv.get("QUARKUS_HTTP_SSL_PORT"));
        assertCredentialsHidden(config);
    }

    /** No credential is written into a manifest: each comes from a secretKeyRef, or from variables that do. */
    @Test
    void noManifestHoldsALiteralCredential() throws Exception {
        List<String> literal = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Manifests.K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (Resource r : Manifests.read(file)) {
                    collectLiteralCredentials(r.body(), file, literal);
                }
            }
        }
        assertEquals(List.of(), literal);
    }

    private static void collectLiteralCredentials(Object node, Path file, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            Object name = map.get("name");
            Object value = map.get("value");
            if (name instanceof String n && CREDENTIAL.matcher(n).matches() && value != null
                    && !value.toString().matches("([^$]*\\$\\([A-Z_]+\\))+[^$]*")) {
                out.add(file + ": " + n);
            }
            map.values().forEach(v -> collectLiteralCredentials(v, file, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectLiteralCredentials(v, file, out));
        }
        if (node instanceof Map<?, ?> map && "ConfigMap".equals(map.get("kind")) && map.get("data") instanceof Map<?, ?> data) {
            data.keySet().stream().map(String::valueOf).filter(k -> CREDENTIAL.matcher(k).matches()).forEach(k -> out.add(file + ": " + k));
        }
    }

    /** The aggregator's settings with the base environment and one component's patch applied. */
    private VigilConfig appConfig(String patch) {
        Map<String, Object> container = new LinkedHashMap<>(base.get("StatefulSet", "vigil-aggregator").container("app"));
        Resource patchResource = Manifests.read(Manifests.COMPONENTS.resolve(patch)).getFirst();
        List<Object> env = new ArrayList<>(patchResource.container("app").get("env") instanceof List<?> l ? l : List.of());
        env.addAll((List<?>) container.get("env"));
        container.put("env", env);
        return VigilConfig.of("aggregator", Env.settings(Env.of(base, container)));
    }

    /** The file is mounted by the same patch from a Secret item of that file name. */
    private static void assertMountedFromSecret(String patch, String location) {
        assertNotNull(location, "no location in " + patch);
        Resource patchResource = Manifests.read(Manifests.COMPONENTS.resolve(patch)).getFirst();
        Path file = Path.of(location);
        String volume = Workloads.mounts(patchResource.container("app")).entrySet().stream()
                .filter(m -> m.getValue().equals(file.getParent().toString())).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError(patch + " mounts nothing at " + file.getParent()));
        Object items = patchResource.list("spec", "template", "spec", "volumes").stream()
                .filter(v -> volume.equals(Resource.walk(v, "name"))).map(v -> Resource.walk(v, "secret", "items")).findFirst()
                .orElseThrow(() -> new AssertionError(volume + " is not a Secret volume"));
        assertTrue(((List<?>) items).stream().anyMatch(i -> file.getFileName().toString().equals(Resource.walk(i, "path"))),
                volume + " does not provide " + file.getFileName());
    }

    /** What the apps log at start-up (VigilConfig.describe) shows no credential. */
    private static void assertCredentialsHidden(VigilConfig config) {
        Set<String> leaked = new TreeSet<>();
        config.describe().forEach((key, shown) -> {
            if (shown.contains(Env.SECRET_MARKER)) {
                leaked.add(key);
            }
        });
        assertEquals(Set.of(), leaked, "settings from Secrets that the kit would log");
        assertTrue(config.asMap().values().stream().anyMatch(v -> v.contains(Env.SECRET_MARKER)), "no credential was applied");
    }
}
