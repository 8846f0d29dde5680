package dev.vigil.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Jib configuration of the {@code images} profile in deploy/pom.xml, with ${...} properties of this
 * pom and the parent's version resolved as Maven would.
 */
final class ImageBuild {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    final Document pom;
    final Element profile;
    private final Map<String, String> properties = new HashMap<>();

    private ImageBuild(Document pom) {
        this.pom = pom;
        Element root = pom.getDocumentElement();
        this.profile = children(child(root, "profiles"), "profile").stream()
                .filter(p -> "images".equals(text(child(p, "id")))).findFirst()
                .orElseThrow(() -> new AssertionError("deploy/pom.xml has no profile 'images'"));
        for (Element property : children(child(root, "properties"), null)) {
            properties.put(property.getTagName(), property.getTextContent().trim());
        }
        properties.put("project.version", text(child(child(root, "parent"), "version")));
        properties.put("project.build.directory", "target");
    }

    static ImageBuild read() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return new ImageBuild(factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read deploy/pom.xml: " + e.getMessage(), e);
        }
    }

    String resolve(String value) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.get(m.group(1));
            if (replacement == null) {
                throw new AssertionError("Unknown property ${" + m.group(1) + "} in deploy/pom.xml");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(replacement)));
        }
        return m.appendTail(out).toString();
    }

    Element jibPlugin() {
        return children(child(child(profile, "build"), "plugins"), "plugin").stream()
                .filter(p -> "jib-maven-plugin".equals(text(child(p, "artifactId")))).findFirst()
                .orElseThrow(() -> new AssertionError("The images profile has no jib-maven-plugin"));
    }

    /** The plugin-wide configuration and one execution's, as Maven merges them (execution wins). */
    Execution execution(String id) {
        Element plugin = jibPlugin();
        Element execution = children(child(plugin, "executions"), "execution").stream()
                .filter(e -> id.equals(text(child(e, "id")))).findFirst()
                .orElseThrow(() -> new AssertionError("The jib plugin has no execution '" + id + "'"));
        return new Execution(this, child(plugin, "configuration"), child(execution, "configuration"), execution);
    }

    List<String> executionIds() {
        return children(child(jibPlugin(), "executions"), "execution").stream().map(e -> text(child(e, "id"))).toList();
    }

    record Execution(ImageBuild build, Element common, Element own, Element element) {
        String value(String... path) {
            String v = text(find(own, path));
            return build.resolve(v != null ? v : text(find(common, path)));
        }

        List<String> values(String... path) {
            Element parent = find(own, path);
            if (parent == null) {
                parent = find(common, path);
            }
            return children(parent, null).stream().map(e -> build.resolve(e.getTextContent().trim())).toList();
        }

        /** The child elements at {@code path} in the execution's configuration, else in the plugin's. */
        List<Element> elements(String... path) {
            Element parent = find(own, path);
            return children(parent != null ? parent : find(common, path), null);
        }

        String goal() {
            return build.resolve(text(child(child(element, "goals"), "goal")));
        }

        String phase() {
            return text(child(element, "phase"));
        }
    }

    static Element find(Element from, String... path) {
        Element current = from;
        for (String step : path) {
            current = child(current, step);
        }
        return current;
    }

    static Element child(Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        List<Element> matches = children(parent, tag);
        return matches.isEmpty() ? null : matches.getFirst();
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }
}
