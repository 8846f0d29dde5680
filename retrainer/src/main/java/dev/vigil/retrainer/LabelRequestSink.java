package dev.vigil.retrainer;

import dev.vigil.avro.LabelRequest;
import java.util.List;

/** Where windows to label are sent (the label.requests topic). */
public interface LabelRequestSink {
    void send(List<LabelRequest> requests);
}
