package dev.vigil.cli.demo;

import dev.vigil.avro.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's analyst dismissing false alarms: once {@link DemoSettings#LABEL_DELAY} has passed after an incident's last
 * window, each of its windows that no injected anomaly of that entity covers is labelled normal, once. Without these
 * labels the only labels are the injections' (all anomalous), and weights learned from them reward a detector that
 * flags everything. Windows an injection covers are labelled anomalous by the injection's own labels.
 */
final class FalseAlarmReview {
    /** A window to label normal. */
    record NormalWindow(String entity, String domain, Instant start, Instant end) {
    }

    private final List<Injection> injections;
    private final Set<String> labelled = new HashSet<>();
    private final List<Alert> pending = new ArrayList<>();
    private int seen;

    FalseAlarmReview(List<Injection> injections) {
        this.injections = List.copyOf(injections);
    }

    /**
     * The windows due for review at the feed's time and not labelled before.
     *
     * @param alerts every alert record so far, in arrival order (a list that only grows: records already looked at
     *               are not looked at again, those not yet due wait)
     */
    List<NormalWindow> due(List<Alert> alerts, Instant feedTime) {
        alerts.subList(seen, alerts.size()).stream().filter(a -> DemoSettings.evaluated(a.getDomain())).forEach(pending::add);
        seen = alerts.size();
        List<NormalWindow> out = new ArrayList<>();
        for (var it = pending.iterator(); it.hasNext(); ) {
            Alert alert = it.next();
            if (alert.getLastWindowEnd().plus(DemoSettings.LABEL_DELAY).isAfter(feedTime)) {
                continue;
            }
            it.remove();
            long window = DemoSettings.windowOf(alert.getDomain()).toMillis();
            long first = alert.getFirstWindowStart().toEpochMilli() / window * window;
            for (String entity : Evaluation.entitiesOf(alert)) {
                for (long start = first; start < alert.getLastWindowEnd().toEpochMilli(); start += window) {
                    Instant from = Instant.ofEpochMilli(start);
                    Instant to = from.plus(Duration.ofMillis(window));
                    boolean injected = injections.stream().anyMatch(i -> i.covers(entity, from, to));
                    if (!injected && labelled.add(LabelLeaks.key(entity, from))) {
                        out.add(new NormalWindow(entity, alert.getDomain(), from, to));
                    }
                }
            }
        }
        return out;
    }
}
