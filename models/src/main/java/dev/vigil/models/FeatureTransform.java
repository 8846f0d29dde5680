package dev.vigil.models;

/** Element-wise transform applied before a model standardises its inputs. */
public enum FeatureTransform {
    /** Values used as they are. */
    NONE {
        @Override
        public double apply(double x) {
            return x;
        }

        @Override
        public double invert(double y) {
            return y;
        }
    },
    /**
     * sign(x)·log(1 + |x|): tames the bursty, heavy-tailed counts of BGP and request features so a linear
     * model is not dominated by a few huge windows, while keeping 0 at 0 and the order of values.
     */
    SIGNED_LOG {
        @Override
        public double apply(double x) {
            return Math.copySign(Math.log1p(Math.abs(x)), x);
        }

        @Override
        public double invert(double y) {
            return Math.copySign(Math.expm1(Math.abs(y)), y);
        }
    };

    public abstract double apply(double x);

    /** A transformed copy of the vector (the vector itself for {@link #NONE}). */
    public double[] apply(double[] x) {
        if (this == NONE) {
            return x;
        }
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = apply(x[j]);
        }
        return y;
    }

    /** A transformed copy of every row. */
    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }

    public abstract double invert(double y);
}
