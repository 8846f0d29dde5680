package dev.vigil.ingest.csv;

import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;

/** One row of a labelled feature dataset: the features of one entity window and the dataset's verdict on it. */
public record LabelledWindow(FeatureVector vector, Label label) {
}
