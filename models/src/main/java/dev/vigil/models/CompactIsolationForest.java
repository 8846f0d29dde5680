package dev.vigil.models;

import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

/**
 * The trees of a trained Smile isolation forest copied into flat arrays, keeping only the non-zero
 * coefficients of each split hyperplane.
 *
 * <p>Why: Smile's {@code IsolationTree.Node} evaluates every split as a dense dot product over all
 * features (53 for BGP) although a split of extension level e has only e+1 non-zero coefficients, and it
 * keeps a dense intercept vector per node that only training needs. That made scoring ~35 µs per vector
 * and artifacts megabytes large. Smile has no public accessor for the nodes, so they are read by
 * reflection once, at training time; {@link #of} checks the copy against Smile's own scores and returns
 * nothing if Smile's internals ever change shape, in which case the model keeps scoring with Smile.
 */
final class CompactIsolationForest implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CompactIsolationForest.class);

    private final int[] roots;
    private final int[] left;
    private final int[] right;
    /** Split bias of an internal node; adjusted path length of a leaf. */
    private final double[] value;
    private final int[] coefficientStart;
    private final int[] coefficientIndex;
    private final double[] coefficientValue;
    private final double averagePathOfSample;

    private CompactIsolationForest(int[] roots, int[] left, int[] right, double[] value, int[] coefficientStart,
                                   int[] coefficientIndex, double[] coefficientValue, double averagePathOfSample) {
        this.roots = roots;
        this.left = left;
        this.right = right;
        this.value = value;
        this.coefficientStart = coefficientStart;
        this.coefficientIndex = coefficientIndex;
        this.coefficientValue = coefficientValue;
        this.averagePathOfSample = averagePathOfSample;
    }

    /** Smile's score 2^(-E[h(x)]/c(ψ)), from the flat arrays. */
    double score(double[] x) {
        double total = 0;
        for (int root : roots) {
            int node = root;
            while (left[node] >= 0) {
                double dot = 0;
                for (int k = coefficientStart[node]; k < coefficientStart[node + 1]; k++) {
                    dot += x[coefficientIndex[k]] * coefficientValue[k];
                }
                node = dot < value[node] ? left[node] : right[node];
            }
            total += value[node];
        }
        return Math.pow(2, -(total / roots.length) / averagePathOfSample);
    }

    /**
     * Copies the forest if Smile's node layout is the expected one and the copy reproduces Smile's scores
     * on the given rows exactly.
     */
    static Optional<CompactIsolationForest> of(IsolationForest forest, int sampleSize, double[][] checkRows) {
        try {
            CompactIsolationForest compact = copy(forest, sampleSize);
            for (double[] row : checkRows) {
                if (Math.abs(compact.score(row) - forest.score(row)) > 1e-12) {
                    LOG.warn("Flat isolation forest disagrees with Smile's scores; scoring with Smile");
                    return Optional.empty();
                }
            }
            return Optional.of(compact);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot read Smile's isolation trees ({}); scoring with Smile", e.toString());
            return Optional.empty();
        }
    }

    private static CompactIsolationForest copy(IsolationForest forest, int sampleSize) throws ReflectiveOperationException {
        Class<?> nodeClass = Class.forName("smile.anomaly.IsolationTree$Node");
        Field root = accessible(IsolationTree.class, "root");
        Field depth = accessible(nodeClass, "depth");
        Field slope = accessible(nodeClass, "slope");
        Field bias = accessible(nodeClass, "bias");
        Field leftChild = accessible(nodeClass, "left");
        Field rightChild = accessible(nodeClass, "right");
        IsolationTree[] trees = forest.trees();
        Builder builder = new Builder();
        int[] roots = new int[trees.length];
        for (int t = 0; t < trees.length; t++) {
            Object top = root.get(trees[t]);
            roots[t] = builder.size();
            // Preorder with an explicit stack; a child's index is patched into its parent when it is added.
            Deque<Object[]> stack = new ArrayDeque<>();
            stack.push(new Object[]{top, -1, false});
            while (!stack.isEmpty()) {
                Object[] item = stack.pop();
                Object node = item[0];
                Object l = leftChild.get(node);
                Object r = rightChild.get(node);
                boolean leaf = l == null || r == null;
                int index = leaf ? builder.leaf(depth.getDouble(node))
                        : builder.split((double[]) slope.get(node), bias.getDouble(node));
                builder.link((int) item[1], (boolean) item[2], index);
                if (!leaf) {
                    stack.push(new Object[]{r, index, true});
                    stack.push(new Object[]{l, index, false});
                }
            }
        }
        return builder.build(roots, averagePathLength(sampleSize));
    }

    /** c(n): average path length of an unsuccessful search in a binary search tree of n points. */
    static double averagePathLength(int n) {
        return 2.0 * (Math.log(n - 1.0) + 0.5772156649) - 2.0 * (n - 1.0) / n;
    }

    private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** Growable arrays for the flat layout. */
    private static final class Builder {
        private final List<Integer> left = new ArrayList<>();
        private final List<Integer> right = new ArrayList<>();
        private final List<Double> value = new ArrayList<>();
        private final List<Integer> start = new ArrayList<>();
        private final List<Integer> index = new ArrayList<>();
        private final List<Double> coefficient = new ArrayList<>();

        int size() {
            return value.size();
        }

        int leaf(double pathLength) {
            return add(pathLength);
        }

        int split(double[] slope, double bias) {
            int node = add(bias);
            for (int j = 0; j < slope.length; j++) {
                if (slope[j] != 0.0) {
                    index.add(j);
                    coefficient.add(slope[j]);
                }
            }
            return node;
        }

        private int add(double v) {
            start.add(index.size());
            left.add(-1);
            right.add(-1);
            value.add(v);
            return value.size() - 1;
        }

        void link(int parent, boolean isRight, int child) {
            if (parent >= 0) {
                (isRight ? right : left).set(parent, child);
            }
        }

        CompactIsolationForest build(int[] roots, double averagePath) {
            start.add(index.size());
            return new CompactIsolationForest(roots, ints(left), ints(right),
                    value.stream().mapToDouble(Double::doubleValue).toArray(), ints(start), ints(index),
                    coefficient.stream().mapToDouble(Double::doubleValue).toArray(), averagePath);
        }

        private static int[] ints(List<Integer> list) {
            return list.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
