package dev.vigil.deploy;

import dev.vigil.devstack.Promtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The shipped alert rules pass {@code promtool check rules} (the PrometheusRule's spec is a rules file). */
class PromtoolRulesTest {
    @Test
    void theAlertRulesPassPromtool(@TempDir Path dir) throws Exception {
        assumeTrue(Promtool.installed(), "promtool is not installed (apt-get install prometheus; .ci/run installs it)");
        Resource rule = Manifests.read(Monitoring.RULES).getFirst();
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, new Yaml().dump(Map.of("groups", rule.list("spec", "groups"))));
        Promtool.Result result = Promtool.run(null, "check", "rules", file.toString());
        assertEquals(0, result.exitCode(), result.output());
    }
}
