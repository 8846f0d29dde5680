package dev.vigil.retrainer;

import dev.vigil.avro.Label;
import java.util.List;

/** Every label on the labels topic. */
public interface LabelSource {
    List<Label> labels();
}
