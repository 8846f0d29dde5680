package dev.vigil.retrainer;

import dev.vigil.models.AnomalyModel;
import dev.vigil.models.HyperParameterSearch;
import dev.vigil.models.Params;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.schemas.Entities;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Trains one detector type: with the defaults, or by the models library's time-budgeted search when a
 * budget is set (the search compares candidates
 * by PR-AUC on the labelled newest part of the training rows).
 */
public final class DetectorTrainer {
    private final double targetFpr;
    private final Duration searchBudget;

    /** A trained model and how long it took. */
    public record Trained(AnomalyModel model, Duration trainingTime, int trials) {
    }

    public DetectorTrainer(double targetFpr, Duration searchBudget) {
        this.targetFpr = targetFpr;
        this.searchBudget = searchBudget;
    }

    /** The trained model, or empty with no exception when the data cannot train this detector type. */
    public Optional<Trained> train(String algorithm, TrainingSet train, long seed) {
        Map<String, String> params = params(seed);
        if (!Trainers.canTrain(algorithm, train, params)) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        if (searchBudget.isZero() || searchBudget.isNegative()) {
            AnomalyModel model = Trainers.train(algorithm, train, params);
            return Optional.of(new Trained(model, Duration.ofNanos(System.nanoTime() - start), 1));
        }
        // Parameters are chosen on the newest part of the training rows, never on the holdout that later
        // judges the model against production; the winner is then refitted on all training rows.
        int fitRows = (int) Math.round(train.size() * 0.8);
        TrainingSet fit = train.subset(java.util.stream.IntStream.range(0, fitRows).toArray());
        TrainingSet choose = train.subset(java.util.stream.IntStream.range(fitRows, train.size()).toArray());
        if (!Trainers.canTrain(algorithm, fit, params)) {
            return Optional.of(new Trained(Trainers.train(algorithm, train, params), Duration.ofNanos(System.nanoTime() - start), 1));
        }
        HyperParameterSearch.Result result = HyperParameterSearch.search(algorithm, fit, choose, params, searchBudget, seed);
        AnomalyModel model = result.trials().size() == 1 ? result.best() : Trainers.train(algorithm, train, result.bestParams());
        return Optional.of(new Trained(model, Duration.ofNanos(System.nanoTime() - start), result.trials().size()));
    }

    /** Whether {@link #train} would train this detector type on these rows (enough rows, lags, labels). */
    public boolean canTrain(String algorithm, TrainingSet train) {
        return Trainers.canTrain(algorithm, train, params(0));
    }

    private Map<String, String> params(long seed) {
        Map<String, String> params = new HashMap<>();
        params.put(Params.TARGET_FPR, Double.toString(targetFpr));
        params.put(Params.SEED, Long.toString(seed));
        // Calendar features give the models the time of day as context; the rules do not judge them.
        params.put(Params.CONTEXT_FEATURES, String.join(",", Entities.CALENDAR_FEATURES));
        return params;
    }
}
