package dev.vigil.aggregator.stream;

import dev.vigil.ingest.csv.UfamFeatures;
import dev.vigil.models.baseline.RelativeFeatures;
import dev.vigil.models.baseline.RollingBaseline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every peer's {@link RollingBaseline} in a (changelogged) store, keyed by peer entity: a closed window's values are
 * expressed relative to the peer's baseline ({@link RelativeFeatures#DEFAULT}, the same code and configuration as
 * the BGP bench), then taken into it.
 */
final class PeerBaselines {
    /** The 48 UFAM features, then each as {@code f.ratio}, then each as {@code f.z}. */
    static final List<String> NAMES = names();
    private static final Logger LOG = LoggerFactory.getLogger(PeerBaselines.class);

    private final KeyValueStore<Bytes, byte[]> store;

    PeerBaselines(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** The window's values followed by their relative values; the peer's baseline moves on. */
    double[] withRelative(String peer, double[] values, long windowStart) {
        Bytes key = Bytes.wrap(peer.getBytes(StandardCharsets.UTF_8));
        RollingBaseline baseline = load(peer, store.get(key), values.length);
        double[] relative = RelativeFeatures.DEFAULT.apply(baseline, values, windowStart);
        store.put(key, baseline.encode());
        double[] out = new double[values.length + relative.length];
        System.arraycopy(values, 0, out, 0, values.length);
        System.arraycopy(relative, 0, out, values.length, relative.length);
        return out;
    }

    private static RollingBaseline load(String peer, byte[] stored, int features) {
        if (stored != null) {
            try {
                RollingBaseline b = RollingBaseline.decode(stored);
                if (b.features() == features) {
                    return b;
                }
            } catch (IllegalArgumentException e) {
                // A damaged or older baseline must not stop the peer's vectors: start it afresh.
                LOG.warn("Baseline of {} unreadable ({}); starting a new one", peer, e.getMessage());
            }
        }
        return RelativeFeatures.DEFAULT.newBaseline(features);
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(UfamFeatures.NAMES);
        names.addAll(RelativeFeatures.names(UfamFeatures.NAMES));
        return List.copyOf(names);
    }
}
