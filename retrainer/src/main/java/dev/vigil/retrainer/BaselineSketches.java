package dev.vigil.retrainer;

import dev.vigil.sketches.Sketch;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** t-digest bytes of each training feature and of the training scores: the drift monitor's reference. */
public final class BaselineSketches {
    private BaselineSketches() {
    }

    public static Map<String, ByteBuffer> perFeature(double[][] rows, List<String> featureNames) {
        Map<String, ByteBuffer> sketches = new LinkedHashMap<>();
        for (int j = 0; j < featureNames.size(); j++) {
            Sketch sketch = new Sketch();
            for (double[] row : rows) {
                sketch.add(row[j]);
            }
            sketches.put(featureNames.get(j), ByteBuffer.wrap(sketch.toBytes()));
        }
        return sketches;
    }

    public static ByteBuffer scores(double[] scores) {
        Sketch sketch = new Sketch();
        sketch.addAll(scores);
        return ByteBuffer.wrap(sketch.toBytes());
    }
}
