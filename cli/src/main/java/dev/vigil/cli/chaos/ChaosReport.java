package dev.vigil.cli.chaos;

import dev.vigil.sketches.Quantiles;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** What the run with faults went through and how its outputs compare with the run without. */
public record ChaosReport(ChaosRun.Options options, long inputRecords, List<OutputComparison> outputs,
                          Map<String, List<Long>> otherCounts, int kills, int killsRecovered, int brokerRestarts,
                          int registryRestarts, List<Long> recoveryMillis, double undisturbedSeconds, double faultySeconds,
                          long wallSeconds) {
    /** True when every compared output is identical and every kill was followed by processing again. */
    public boolean passed() {
        return outputs.stream().allMatch(OutputComparison::identical) && killsRecovered == kills;
    }

    public long recoveryP50() {
        return percentile(0.5);
    }

    public long recoveryMax() {
        return recoveryMillis.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private long percentile(double q) {
        return recoveryMillis.isEmpty() ? 0 : (long) Quantiles.of(recoveryMillis.stream().mapToDouble(Long::doubleValue).toArray(), q);
    }

    /** Prints the report as a table: one line per compared topic, then the faults and the recovery times. */
    public void print(PrintStream out) {
        out.printf("%-22s %10s %10s %8s %10s %9s %10s%n", "topic", "expected", "written", "missing", "duplicated", "differing",
                "unexpected");
        for (OutputComparison c : outputs) {
            out.printf("%-22s %,10d %,10d %,8d %,10d %,9d %,10d%n", c.topic(), c.expected(), c.actual(), c.missing(), c.duplicated(),
                    c.differing(), c.unexpected());
            c.examples().forEach(e -> out.println("    " + e));
        }
        otherCounts().forEach((topic, counts) -> out.printf("%-22s %,10d %,10d   (counted, not compared)%n", topic, counts.get(0),
                counts.get(1)));
        out.printf("input records %,d; kills %d, processing again after %d; broker restarts %d, registry restarts %d; recovery "
                        + "after a kill p50 %.1f s, max %.1f s; %d s in all%n", inputRecords(), kills(), killsRecovered(),
                brokerRestarts(), registryRestarts(),
                recoveryP50() / 1000.0, recoveryMax() / 1000.0, wallSeconds());
        out.printf("until every group caught up: %.0f s without faults (the whole feed written first, then one instance of each app "
                        + "started in this JVM: %,.0f records/s including start-up), %.0f s with faults (instances started, then the "
                        + "feed paced over %s)%n", undisturbedSeconds(), inputRecords() / undisturbedSeconds(), faultySeconds(),
                options().feedDuration());
        out.println(passed() ? "PASS: nothing lost, nothing twice, no value differs" : "FAIL");
    }
}
