package dev.vigil.ingest.csv;

import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.schemas.Entities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the vector and label of one dataset row; shared by the UFAM and SFU readers. */
final class LabelKinds {
    private LabelKinds() {
    }

    static LabelledWindow window(String entity, Instant start, Instant end, List<String> names, double[] values,
                                 boolean anomalous, String category, String vectorSource, String author) {
        List<Double> boxed = new ArrayList<>(values.length);
        long events = 0;
        for (int i = 0; i < values.length; i++) {
            boxed.add(values[i]);
        }
        int announcements = names.indexOf("announcements");
        int withdrawals = names.indexOf("withdrawals");
        if (announcements >= 0 && withdrawals >= 0) {
            events = Math.round(values[announcements] + values[withdrawals]);
        }
        FeatureVector vector = FeatureVector.newBuilder().setEntity(entity).setDomain(Entities.BGP_PEER)
                .setWindowStart(start).setWindowEnd(end).setFeatureNames(names).setValues(boxed)
                .setEventCount(events).setSource(vectorSource).build();
        // Dataset labels carry no writing time of their own; the window end keeps replays deterministic.
        Label label = Label.newBuilder().setEntity(entity).setDomain(Entities.BGP_PEER).setWindowStart(start)
                .setWindowEnd(end).setAnomalous(anomalous).setCategory(anomalous ? category : null)
                .setSource("dataset").setAuthor(author).setLabelledAt(end).build();
        return new LabelledWindow(vector, label);
    }

    /** The kind of event of a UFAM class: 1 worm, 2 route leak or misconfiguration, 3 outage. */
    static String ufamKind(int datasetClass) {
        return switch (datasetClass) {
            case 1 -> "worm";
            case 2 -> "leak";
            case 3 -> "outage";
            default -> "anomaly";
        };
    }
}
