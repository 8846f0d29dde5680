package dev.vigil.drift.check;

import dev.vigil.avro.DriftReport;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.drift.state.ModelState;
import java.util.Optional;

/** What one check produced: its report, a retrain request when it sent one, and the model's next state. */
public record CheckOutcome(DriftReport report, Optional<RetrainRequest> request, ModelState state) {
}
