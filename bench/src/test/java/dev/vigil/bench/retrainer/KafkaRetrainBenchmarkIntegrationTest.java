package dev.vigil.bench.retrainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.bench.datasets.UfamBgpFeatures;
import dev.vigil.devstack.DevStack;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The retrainer benchmark on a real broker and registry: a request on 10,000 UFAM rows ends with every detector announced. */
class KafkaRetrainBenchmarkIntegrationTest {
    @Test
    void requestToAnnouncementOfEveryDetectorOnTenThousandBgpRowsIsTimedOnTheBroker() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(UfamBgpFeatures.folder()),
                "datasets folder " + UfamBgpFeatures.folder().toAbsolutePath() + " is not present");
        try (DevStack stack = DevStack.start()) {
            double seconds = KafkaRetrainBenchmark.run(stack.settings(), UfamBgpFeatures.folder(), 10_000, System.out);
            assertTrue(seconds > 0 && seconds < 300, "all four detectors were announced");
        }
    }
}
