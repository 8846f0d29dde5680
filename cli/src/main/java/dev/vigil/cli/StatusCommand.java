package dev.vigil.cli;

import dev.vigil.avro.DriftReport;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.drift.status.StatusView;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.Topics;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `vigil status`: from the topics, each model's production version and age, drift, open requests and history. */
@Command(name = "status", description = "Production versions, latest drift figures, open retrain requests and retrain history.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--history", description = "History lines per model (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int history;

    @Override
    public Integer call() {
        VigilConfig config = CliConfig.load();
        Topics topics = new Topics(config);
        var versions = TopicSnapshot.read(config, topics.name(Topics.MODEL_VERSIONS), ModelVersion.class);
        var reports = TopicSnapshot.read(config, topics.name(Topics.DRIFT_REPORTS), DriftReport.class);
        var requests = TopicSnapshot.read(config, topics.name(Topics.RETRAIN_REQUESTS), RetrainRequest.class);
        StatusView view = StatusView.of(versions.values(), reports.values(), requests.values(), Instant.now());
        System.out.println(view.render(history));
        // The versions topic says what was announced; the detectors' refusal reports say what does not serve.
        System.out.print(new dev.vigil.registry.ops.ModelOperations(config).refusals());
        for (var snapshot : java.util.List.of(versions, reports, requests)) {
            snapshot.skipped().forEach(System.out::println);
        }
        return 0;
    }
}
