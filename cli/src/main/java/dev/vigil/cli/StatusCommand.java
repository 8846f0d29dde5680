package dev.vigil.cli;

import dev.vigil.drift.status.StatusView;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelRegistryClient;
import dev.vigil.registry.ops.CatalogTables;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `vigil status`: from the topics, each model's serving version and age, drift, open requests and history. */
@Command(name = "status", description = "Serving versions, latest drift figures, open retrain requests and retrain history.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--history", description = "History lines per model (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int history;

    @Override
    public Integer call() {
        VigilConfig config = CliConfig.load();
        // The same catalog as `vigil models list`: the versions topic says what was announced, the detectors'
        // refusal reports say what does not serve.
        ModelCatalog catalog = new ModelRegistryClient(config).catalogWithRefusals();
        var reports = TopicSnapshot.read(config, Typed.DRIFT_REPORTS);
        var requests = TopicSnapshot.read(config, Typed.RETRAIN_REQUESTS);
        StatusView view = StatusView.of(catalog, reports.values(), requests.values(), Instant.now());
        System.out.println(view.render(history));
        System.out.print(CatalogTables.refusals(catalog));
        System.out.print(CatalogTables.unreadable(catalog));
        for (var snapshot : List.of(reports, requests)) {
            snapshot.skipped().forEach(System.out::println);
        }
        return 0;
    }
}
