package dev.vigil.cli.demo;

import dev.vigil.avro.Alert;
import java.util.ArrayList;
import java.util.List;

/**
 * Precision and recall of one labelled domain, as an operator of that domain sees them: of the incidents raised, how many
 * were real; of the anomalies injected, how many raised one.
 *
 * @param incidents incidents raised in the domain
 * @param trueIncidents of those, the ones that overlap an injected anomaly of an entity they name
 * @param injections anomalies injected into the domain
 * @param injectionsAlerted of those, the ones an incident overlapped
 */
public record DomainFigures(String domain, int incidents, int trueIncidents, int injections, int injectionsAlerted) {

    /** One row per labelled domain, in {@link DemoSettings#EVALUATED} order. */
    static List<DomainFigures> of(DemoScenario scenario, List<Alert> alerts) {
        List<DomainFigures> out = new ArrayList<>();
        for (String domain : DemoSettings.EVALUATED) {
            List<Alert> mine = alerts.stream().filter(a -> a.getDomain().equals(domain)).toList();
            List<Injection> injected = scenario.injections().stream().filter(i -> i.domain().equals(domain)).toList();
            int alerted = (int) injected.stream().filter(i -> !Evaluation.alertsOn(i, mine).isEmpty()).count();
            int real = (int) mine.stream().filter(a -> Evaluation.isTrue(scenario, a)).count();
            out.add(new DomainFigures(domain, mine.size(), real, injected.size(), alerted));
        }
        return out;
    }

    /** Share of incidents that were real; NaN without incidents. */
    public double precision() {
        return incidents == 0 ? Double.NaN : (double) trueIncidents / incidents;
    }

    /** Share of injected anomalies alerted; NaN without injections. */
    public double recall() {
        return injections == 0 ? Double.NaN : (double) injectionsAlerted / injections;
    }
}
