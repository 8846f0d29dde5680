package dev.vigil.cli.demo;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.ScoreStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Windows whose production score may have seen the window's own label: scored by a model version created after the
 * label was written and trained on data that covers the window. The evaluation leaves them out, as a held-out figure
 * must; in a live run they are rare (windows are scored before their labels exist) but a run whose apps fall more than
 * the label delay behind the feed can score a window with a model trained after its label.
 */
final class LabelLeaks {
    private LabelLeaks() {
    }

    /** Keys ({@code entity|window start millis}) of the windows to leave out. */
    static Set<String> windows(List<DetectorScore> scores, List<ModelVersion> versions, Map<String, Instant> labelledAt) {
        Map<String, ModelVersion> byId = new HashMap<>();
        versions.forEach(v -> byId.putIfAbsent(v.getName() + "/" + v.getVersion(), v));
        Set<String> out = new HashSet<>();
        for (DetectorScore s : scores) {
            if (s.getStatus() != ScoreStatus.SCORED || s.getShadow()) {
                continue;
            }
            String window = key(s.getEntity(), s.getWindowStart());
            Instant label = labelledAt.get(window);
            ModelVersion version = byId.get(s.getModelName() + "/" + s.getModelVersion());
            if (label != null && version != null && sawLabel(version, s.getWindowStart(), label)) {
                out.add(window);
            }
        }
        return out;
    }

    static String key(String entity, Instant windowStart) {
        return entity + "|" + windowStart.toEpochMilli();
    }

    private static boolean sawLabel(ModelVersion version, Instant windowStart, Instant labelledAt) {
        var data = version.getTrainingData();
        return version.getCreatedAt().isAfter(labelledAt) && data.getLabelledCount() > 0
                && !windowStart.isBefore(data.getFromTime()) && windowStart.isBefore(data.getToTime());
    }
}
