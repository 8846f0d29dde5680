package dev.vigil.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.ValueVector;
import smile.model.cart.SplitRule;

/**
 * Fits {@link ClassifierModel} on labelled rows only. A stratified part of the labelled rows is held out
 * to choose the probability threshold with the best F1, so the threshold is not set on rows the forest
 * has memorised. The threshold is raised, where needed, until at most {@code maxHoldoutFpr} of the held-out
 * normal rows pass it: labelled sets are often balanced (or anomaly-rich) while live traffic is mostly normal,
 * so a cut with the best F1 on them lets through far more normal windows than it seems to.
 */
final class ClassifierTrainer {
    static final String TREES = "trees";
    static final String MAX_DEPTH = "maxDepth";
    static final String NODE_SIZE = "nodeSize";
    static final String MTRY = "mtry";
    static final String MIN_PER_CLASS = "minPerClass";
    static final String VALIDATION_FRACTION = "validationFraction";
    static final String MAX_HOLDOUT_FPR = "maxHoldoutFpr";
    private static final String LABEL_COLUMN = "__vigil_label";

    private ClassifierTrainer() {
    }

    /** Whether the set has enough labels of both classes for {@code minPerClass}. */
    static boolean canTrain(TrainingSet data, int minPerClass) {
        return data.count(TrainingSet.NORMAL) >= minPerClass && data.count(TrainingSet.ANOMALY) >= minPerClass;
    }

    static ClassifierModel train(TrainingSet data, Params params) {
        int trees = params.integer(TREES, 100, 1, 5000);
        int maxDepth = params.integer(MAX_DEPTH, 20, 2, 200);
        int nodeSize = params.integer(NODE_SIZE, 5, 1, 100_000);
        int mtry = params.integer(MTRY, 0, 0, data.dimension());
        int minPerClass = params.integer(MIN_PER_CLASS, 10, 2, Integer.MAX_VALUE);
        double validationFraction = params.decimal(VALIDATION_FRACTION, 0.25, 0.0, 0.5);
        double maxHoldoutFpr = params.decimal(MAX_HOLDOUT_FPR, 0.05, 0.0, 1.0);
        double targetFpr = params.targetFpr();
        long seed = params.seed();
        if (!canTrain(data, minPerClass)) {
            throw new IllegalArgumentException("classifier needs at least " + minPerClass + " labelled rows of each class, got "
                    + data.count(TrainingSet.NORMAL) + " normal and " + data.count(TrainingSet.ANOMALY) + " anomalous");
        }
        Random random = new Random(seed);
        List<Integer> fit = new ArrayList<>();
        List<Integer> holdout = new ArrayList<>();
        split(data, TrainingSet.NORMAL, validationFraction, random, fit, holdout);
        split(data, TrainingSet.ANOMALY, validationFraction, random, fit, holdout);
        TrainingSet fitSet = data.subset(fit.stream().mapToInt(Integer::intValue).toArray());

        DataFrame frame = DataFrame.of(fitSet.features(), fitSet.featureNames().toArray(String[]::new))
                .add(ValueVector.of(LABEL_COLUMN, fitSet.labels()));
        long[] seeds = random.longs(trees).toArray();
        var options = new RandomForest.Options(trees, mtry, SplitRule.GINI, maxDepth, 0, nodeSize, 1.0, null, seeds, null);
        RandomForest forest = RandomForest.fit(Formula.lhs(LABEL_COLUMN), frame, options);
        int anomalyClass = Arrays.stream(forest.classes()).boxed().toList().indexOf(TrainingSet.ANOMALY);
        ClassifierModel model = new ClassifierModel(forest, forest.schema(), anomalyClass,
                FeatureBaseline.fit(normalRows(fitSet), data.featureNames()), data.featureNames(), params.used(), targetFpr);

        TrainingSet thresholdSet = holdout.isEmpty() || countAnomalies(data, holdout) < 2
                ? fitSet : data.subset(holdout.stream().mapToInt(Integer::intValue).toArray());
        double[] scores = model.rawScores(thresholdSet.features());
        double cut = Math.max(bestF1Threshold(scores, thresholdSet.labels()), fprCut(scores, thresholdSet.labels(), maxHoldoutFpr));
        model.calibrate(ScoreCalibration.forProbability(Math.min(0.99, cut)));
        return model;
    }

    private static void split(TrainingSet data, int label, double fraction, Random random, List<Integer> fit, List<Integer> holdout) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (data.label(i) == label) {
                rows.add(i);
            }
        }
        Collections.shuffle(rows, random);
        int held = (int) Math.floor(rows.size() * fraction);
        holdout.addAll(rows.subList(0, held));
        fit.addAll(rows.subList(held, rows.size()));
    }

    private static long countAnomalies(TrainingSet data, List<Integer> rows) {
        return rows.stream().filter(i -> data.label(i) == TrainingSet.ANOMALY).count();
    }

    private static double[][] normalRows(TrainingSet data) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (data.label(i) == TrainingSet.NORMAL) {
                rows.add(data.features()[i]);
            }
        }
        return rows.toArray(double[][]::new);
    }

    /** The lowest probability cut that at most {@code fpr} of the normal rows exceed (0 when there are none). */
    static double fprCut(double[] scores, int[] labels, double fpr) {
        double[] normal = java.util.stream.IntStream.range(0, scores.length).filter(i -> labels[i] == TrainingSet.NORMAL)
                .mapToDouble(i -> scores[i]).sorted().toArray();
        if (normal.length == 0 || fpr >= 1) {
            return 0;
        }
        int index = Math.min(normal.length - 1, (int) Math.ceil((1 - fpr) * normal.length) - 1);
        return Math.nextUp(normal[Math.max(0, index)]);
    }

    /** Probability cut with the best F1 on the given rows, placed midway between neighbouring scores (or 0 below). */
    static double bestF1Threshold(double[] scores, int[] labels) {
        boolean[] anomalous = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            anomalous[i] = labels[i] == TrainingSet.ANOMALY;
        }
        double cut = BestF1.cut(scores, anomalous, 0.0);
        return Double.isNaN(cut) ? 0.5 : Math.min(0.99, Math.max(0.01, cut));
    }
}
