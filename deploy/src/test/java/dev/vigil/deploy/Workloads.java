package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.VigilConfig;
import java.util.List;
import java.util.Map;

/** Checks every Vigil app workload must pass, in the base and in every rendered overlay. */
final class Workloads {
    /** The port the kit's HTTP endpoint listens on unless configured otherwise. */
    static final int KIT_HTTP_PORT = VigilConfig.of("deploy", Map.of()).getInt("vigil.http.port", -1);

    private Workloads() {
    }

    static void checkApp(Manifests manifests, VigilApp app) {
        Resource workload = manifests.get(app.workloadKind(), app.workloadName());
        Map<String, Object> container = workload.container("app");
        assertTrue(String.valueOf(container.get("image")).startsWith(app.imageRepository() + ":"), workload + " image");
        checkHttpPort(workload, container);
        checkProbes(workload, container);
        checkResourcesOf(workload, container);
        assertEquals(Boolean.FALSE, workload.at("spec", "template", "spec", "enableServiceLinks"),
                workload + ": service links would inject VIGIL_*_PORT variables the kit reads as settings");
        checkMetricsService(manifests, workload);
        checkDisruptionBudget(manifests, workload);
        if (app.streams) {
            checkStateVolume(workload, container);
        }
    }

    private static void checkHttpPort(Resource workload, Map<String, Object> container) {
        Map<String, Object> http = port(container, "http");
        assertEquals(KIT_HTTP_PORT, http.get("containerPort"), workload + ": the kit serves HTTP on " + KIT_HTTP_PORT);
        assertFalse(env(container).containsKey("VIGIL_HTTP_PORT"), workload + " moves the port away from the probes");
    }

    private static void checkProbes(Resource workload, Map<String, Object> container) {
        for (var probe : Map.of("livenessProbe", "/health/live", "readinessProbe", "/health/ready",
                "startupProbe", "/health/live").entrySet()) {
            Object path = Resource.walk(container, probe.getKey(), "httpGet", "path");
            Object port = Resource.walk(container, probe.getKey(), "httpGet", "port");
            assertEquals(probe.getValue(), path, workload + " " + probe.getKey());
            assertEquals("http", port, workload + " " + probe.getKey() + " port");
        }
    }

    static void checkResourcesOf(Resource workload, Map<String, Object> container) {
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(Resource.walk(container, "resources", bound, resource), workload + " " + bound + "." + resource);
            }
        }
        // The heap is a share of the limit (MaxRAMPercentage): a request below it invites OOM kills on a full node.
        assertEquals(Resource.walk(container, "resources", "requests", "memory"),
                Resource.walk(container, "resources", "limits", "memory"), workload + " memory request = limit");
    }

    private static void checkMetricsService(Manifests manifests, Resource workload) {
        Map<String, Object> podLabels = workload.map("spec", "template", "metadata", "labels");
        List<Resource> services = manifests.selecting("Service", podLabels);
        assertEquals(1, services.size(), workload + " needs exactly one Service: " + services);
        Resource service = services.getFirst();
        assertTrue(service.list("spec", "ports").stream().anyMatch(p -> "http".equals(Resource.walk(p, "targetPort"))),
                service + " must expose the http (metrics) port");
        if (workload.kind().equals("StatefulSet")) {
            assertEquals(service.name(), workload.string("spec", "serviceName"), workload + " governing service");
        }
    }

    private static void checkDisruptionBudget(Manifests manifests, Resource workload) {
        Map<String, Object> podLabels = workload.map("spec", "template", "metadata", "labels");
        List<Resource> budgets = manifests.selecting("PodDisruptionBudget", podLabels);
        assertEquals(1, budgets.size(), workload + " needs one PodDisruptionBudget");
        Object minAvailable = budgets.getFirst().at("spec", "minAvailable");
        Object replicas = workload.at("spec", "replicas");
        assertFalse(minAvailable != null && minAvailable.equals(replicas),
                budgets.getFirst() + " would block every eviction");
    }

    private static void checkStateVolume(Resource workload, Map<String, Object> container) {
        Map<String, String> env = env(container);
        String stateDir = env.get("KAFKA_STATE_DIR");
        assertNotNull(stateDir, workload + " must put kafka.state.dir on its volume");
        String claim = workload.list("spec", "volumeClaimTemplates").stream()
                .map(t -> String.valueOf(Resource.walk(t, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError(workload + " has no volumeClaimTemplates"));
        assertTrue(mounts(container).getOrDefault(claim, "").equals(stateDir),
                workload + " mounts volume " + claim + " at " + mounts(container).get(claim) + ", state dir is " + stateDir);
        int standby = Integer.parseInt(env.getOrDefault("KAFKA_NUM_STANDBY_REPLICAS", "0"));
        int replicas = ((Number) workload.at("spec", "replicas")).intValue();
        assertTrue(standby < replicas, workload + ": " + standby + " standby replicas need more than " + replicas + " instances");
        assertTrue(replicas == 1 || standby >= 1, workload + " with " + replicas + " instances should keep a standby");
    }

    static Map<String, Object> port(Map<String, Object> container, String name) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
        return ports.stream().filter(p -> name.equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("No port named " + name + " in " + container.get("name")));
    }

    /** Literal env values by name (valueFrom entries map to null). */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Object env = container.get("env");
        if (env instanceof List<?> list) {
            for (Object e : list) {
                Map<?, ?> entry = (Map<?, ?>) e;
                out.put((String) entry.get("name"), entry.get("value") == null ? null : entry.get("value").toString());
            }
        }
        return out;
    }

    /** Mount paths by volume name. */
    static Map<String, String> mounts(Map<String, Object> container) {
        Map<String, String> out = new java.util.HashMap<>();
        Object mounts = container.get("volumeMounts");
        if (mounts instanceof List<?> list) {
            for (Object m : list) {
                Map<?, ?> mount = (Map<?, ?>) m;
                out.put((String) mount.get("name"), (String) mount.get("mountPath"));
            }
        }
        return out;
    }
}
