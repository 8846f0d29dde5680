package dev.vigil.kit.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Schema and data model (with the logical-type conversions) of a generated class. */
final class AvroTypes {
    private AvroTypes() {
    }

    static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    static SpecificData dataOf(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type);
    }
}
