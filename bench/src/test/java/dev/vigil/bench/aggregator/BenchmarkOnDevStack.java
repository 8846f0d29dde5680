package dev.vigil.bench.aggregator;

import dev.vigil.devstack.DevStack;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@link AggregatorBenchmark} on a fresh DevStack (embedded broker and Apicurio) in this JVM: a developer's
 * shortcut when no broker is running (not a test). Extra {@code key=value} arguments go to the benchmark.
 */
public final class BenchmarkOnDevStack {
    private BenchmarkOnDevStack() {
    }

    public static void main(String[] args) throws Exception {
        try (DevStack stack = DevStack.start()) {
            Map<String, String> settings = new HashMap<>(stack.settings());
            for (String arg : args) {
                int eq = arg.indexOf('=');
                settings.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            AggregatorBenchmark.Options d = AggregatorBenchmark.Options.defaults();
            AggregatorBenchmark.Options options = new AggregatorBenchmark.Options(
                    Integer.parseInt(settings.getOrDefault("peers", "" + d.peers())),
                    Integer.parseInt(settings.getOrDefault("prefixes", "" + d.prefixesPerPeer())),
                    Long.parseLong(settings.getOrDefault("updates", "" + d.updates())),
                    Integer.parseInt(settings.getOrDefault("partitions", "" + d.partitions())),
                    Integer.parseInt(settings.getOrDefault("threads", "" + d.streamThreads())));
            AggregatorBenchmark.run(settings, options).print(System.out);
        }
        System.exit(0);
    }
}
