package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Severity;
import dev.vigil.schemas.Entities;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo report as a person opens it: rendered by headless Chromium (Debian package {@code chromium}, installed by
 * {@code .ci/run}), it opens with the headline, shows the per-domain table and the incidents, and draws every labelled
 * series.
 */
class DemoReportInBrowserTest {
    private final DemoScenario scenario = DemoScenario.create(42, Duration.ofHours(48), true, Instant.parse("2026-11-24T12:00:00Z"));

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void theRenderedReportOpensWithTheHeadlineAndDrawsEveryLabelledSeries() throws Exception {
        Injection injection = scenario.injections().stream().filter(i -> i.domain().equals(Entities.TELEMETRY_SERVICE))
                .findFirst().orElseThrow();
        String service = injection.entities().getFirst();
        List<FeatureVector> features = new ArrayList<>();
        for (Instant t = injection.start().minus(Duration.ofHours(2)); t.isBefore(injection.end().plus(Duration.ofHours(1)));
             t = t.plus(DemoSettings.TELEMETRY_WINDOW)) {
            features.add(vector(service, t, injection.covers(service, t, t.plus(DemoSettings.TELEMETRY_WINDOW)) ? 0.4 : 0.01));
        }
        Instant quiet = injection.start().minus(Duration.ofHours(1));
        List<Alert> alerts = List.of(alert("real", service, injection.start(), injection.start().plus(Duration.ofMinutes(10))),
                alert("false", service, quiet, quiet.plus(Duration.ofMinutes(5))));
        DemoResult result = new DemoResult(scenario, Duration.ofSeconds(1), Map.of(), features, List.of(), alerts, List.of(), List.of(),
                Evaluation.of(scenario, features, List.of(), alerts), List.of());

        new DemoReport(dir).write(result);
        Path page = dir.resolve("index.html");

        String dom = chromium("--dump-dom", page.toUri().toString());
        Matcher headline = Pattern.compile("<p class=\"headline\" id=\"headline\">([^<]*)</p>").matcher(dom);
        assertTrue(headline.find(), "the rendered page has the headline paragraph");
        assertTrue(headline.group(1).startsWith("Over 48 simulated hours Vigil raised 2 incidents on BGP peers and services; "
                + "1 was real (50 %) and 1 false alarm."), headline.group(1));
        assertTrue(headline.start() < dom.indexOf("<h2>") && dom.indexOf("<h1>") < headline.start(),
                "the headline comes right after the title, before every section");
        assertTrue(dom.contains("<td>telemetry-service</td><td>2</td><td>1</td><td>50.0 %</td>"), "per-domain precision");
        assertTrue(dom.contains("false alarm</td>") && dom.contains("real: " + injection.category()), "incidents with their verdict");
        Set<String> series = new HashSet<>();
        scenario.injections().forEach(i -> i.entities().forEach(e -> series.add(e + ": " + LabelledSeries.featureMoved(i.kind()))));
        for (String title : series) {
            assertTrue(dom.contains("<img alt=\"" + title + "\""), "a chart of " + title);
        }
        assertTrue(dom.contains("<img alt=\"Incident timeline\""));

        Path screenshot = dir.resolve("report.png");
        chromium("--window-size=1200,1600", "--screenshot=" + screenshot, page.toUri().toString());
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(1200, image.getWidth());
        assertTrue(distinctColours(image, 0, 400) > 20, "text and tables drawn at the top of the page, not a blank page");
    }

    private static int distinctColours(BufferedImage image, int fromY, int toY) {
        Set<Integer> colours = new HashSet<>();
        for (int y = fromY; y < Math.min(toY, image.getHeight()); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private String chromium(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromiumBinary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, process.exitValue(), "chromium exit code");
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String chromiumBinary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("chromium is not installed: apt-get install chromium (.ci/run installs it)");
    }

    private static FeatureVector vector(String service, Instant start, double errorRate) {
        return FeatureVector.newBuilder().setEntity(service).setDomain(Entities.TELEMETRY_SERVICE).setWindowStart(start)
                .setWindowEnd(start.plus(DemoSettings.TELEMETRY_WINDOW)).setFeatureNames(List.of("event_count", "error_rate", "latency_p99"))
                .setValues(List.of(40.0, errorRate, 120.0)).setEventCount(40).build();
    }

    private static Alert alert(String id, String entity, Instant from, Instant to) {
        return Alert.newBuilder().setAlertId(id).setEntity(entity).setDomain(Entities.TELEMETRY_SERVICE).setStatus(AlertStatus.CLOSED)
                .setSeverity(Severity.HIGH).setCombinedScore(0.9).setFirstWindowStart(from).setLastWindowEnd(to)
                .setDetectorScores(List.of(new DetectorVerdict("adaptive", "telemetry-service.adaptive", 1, 0.97, true, 1.0)))
                .setUpdatedAt(to).build();
    }
}
