package dev.vigil.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Kubernetes objects read from YAML files or from rendered kustomize output. */
final class Manifests {
    /** deploy/k8s, relative to the module directory where surefire runs the tests. */
    static final Path K8S = Path.of("k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path COMPONENTS = K8S.resolve("components");
    static final Path OVERLAYS = K8S.resolve("overlays");

    private final List<Resource> resources;

    private Manifests(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Every object in the .yaml files under a folder, except kustomization files and patches. */
    static Manifests readResources(Path folder) {
        List<Resource> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                read(file).stream().filter(r -> r.kind() != null && !r.kind().startsWith("Kustomization")
                        && !r.kind().equals("Component") && !"any".equals(r.name())).forEach(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(out);
    }

    static Manifests parse(String yaml, String source) {
        return new Manifests(parseDocuments(yaml, source));
    }

    static List<Resource> read(Path file) {
        try {
            return parseDocuments(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML file that holds one map (a kustomization or a patch). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readMap(Path file) {
        try {
            return (Map<String, Object>) yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Resource> parseDocuments(String text, String source) {
        List<Resource> out = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc instanceof Map<?, ?> map) {
                out.add(new Resource((Map<String, Object>) map, source));
            }
        }
        return out;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }

    List<Resource> all() {
        return resources;
    }

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.kind())).toList();
    }

    Resource get(String kind, String name) {
        return resources.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name())).findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " in " + resources));
    }

    /** Objects of a kind whose selector (matchLabels) picks the given pod labels. */
    List<Resource> selecting(String kind, Map<String, Object> podLabels) {
        return ofKind(kind).stream().filter(r -> {
            Map<String, Object> selector = r.map("spec", "selector");
            Object matchLabels = selector == null ? null : selector.getOrDefault("matchLabels", selector);
            return matchLabels instanceof Map<?, ?> m && !m.isEmpty()
                    && m.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
        }).toList();
    }
}
