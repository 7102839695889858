package dev.lanes.network.train;

import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-feature standardisation, {@code x' = (x − mean) / std}, fitted on training data and applied unchanged to
 * test data so both see the same transform. A feature that is constant in the training data (an always-black
 * border pixel, say) has no scale to divide by; it maps to 0 instead of NaN.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Mean and (population) standard deviation of every column of {@code x}, accumulated in double.
     *
     * @param x the input
     * @return the standardizer for {@code x}'s columns
     * @throws IllegalArgumentException when x has no rows, or holds a NaN or infinity (named by row and column)
     */
    public static Standardizer fit(Matrix x) {
        Objects.requireNonNull(x, "x");
        Inputs.requireFinite("standardizer", "x", x);
        int rows = x.rows();
        int cols = x.cols();
        if (rows == 0) {
            throw new IllegalArgumentException("standardizer: x is " + x.shape() + ", there is nothing to fit");
        }
        double[] mean = new double[cols];
        double[] min = new double[cols];
        double[] max = new double[cols];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                double v = x.unsafeGet(i);
                mean[c] += v;
                min[c] = Math.min(min[c], v);
                max[c] = Math.max(max[c], v);
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= rows;
        }
        double[] var = new double[cols];
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, i++) {
                double d = x.unsafeGet(i) - mean[c];
                var[c] += d * d;
            }
        }
        double[] scale = new double[cols];
        for (int c = 0; c < cols; c++) {
            // min == max is the exact test for a constant feature; a variance threshold would misjudge features
            // whose values are simply small, and a rounded mean makes the variance of a constant column tiny but
            // not 0, which would blow rounding noise up to unit scale.
            scale[c] = min[c] == max[c] ? 0 : 1 / Math.sqrt(var[c] / rows);
        }
        return new Standardizer(mean, scale);
    }

    /**
     * A standardiser with the given per-feature means and factors, as {@link #mean} and {@link #scale} report them
     * (a model file stores these); the arrays are copied.
     *
     * @param mean  the mean subtracted from each feature
     * @param scale the factor each centred feature is multiplied by: 1/std, or 0 for a constant feature
     * @return the standardiser {@code x' = (x − mean)·scale}
     * @throws IllegalArgumentException when the lengths differ, a mean is not finite, or a factor is negative or
     *                                  not finite (named by feature)
     */
    public static Standardizer of(double[] mean, double[] scale) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(scale, "scale");
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("standardizer: " + mean.length + " means but " + scale.length
                    + " scales");
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c]) || !(scale[c] >= 0) || Double.isInfinite(scale[c])) {
                throw new IllegalArgumentException("standardizer: feature " + c + " has mean " + mean[c]
                        + " and scale " + scale[c] + " (a finite mean and a finite scale of at least 0 are needed)");
            }
        }
        return new Standardizer(mean.clone(), scale.clone());
    }

    /** {@return number of features} */
    public int features() {
        return mean.length;
    }

    /**
     * The fitted mean of feature {@code c}.
     *
     * @param c the column index
     * @return the fitted mean of feature {@code c}
     */
    public double mean(int c) {
        return mean[c];
    }

    /**
     * The factor feature {@code c} is multiplied by after centring: 1/std, or 0 for a constant feature.
     *
     * @param c the column index
     * @return the factor feature {@code c} is multiplied by after centring: 1/std, or 0 for a constant feature
     */
    public double scale(int c) {
        return scale[c];
    }

    /**
     * {@code out = (x − mean)·scale} per feature; {@code out} may be {@code x} itself.
     *
     * @param x the input
     * @param out the output, overwritten
     * @throws IllegalArgumentException when x has a different number of features, or out a different shape or type
     */
    public void apply(Matrix x, Matrix out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        if (x.cols() != mean.length) {
            throw new IllegalArgumentException("standardizer: fitted on " + mean.length + " features but x is "
                    + x.shape());
        }
        if (!x.sameShape(out) || x.dtype() != out.dtype()) {
            throw new IllegalArgumentException("standardizer: x is " + x.shape() + " " + x.dtype() + " but out is "
                    + out.shape() + " " + out.dtype());
        }
        int cols = mean.length;
        int n = x.size();
        if (x instanceof FloatMatrix fx) {
            float[] src = fx.data();
            float[] dst = ((FloatMatrix) out).data();
            float[] m = new float[cols];
            float[] s = new float[cols];
            for (int c = 0; c < cols; c++) {
                m[c] = (float) mean[c];
                s[c] = (float) scale[c];
            }
            for (int i = 0; i < n; i += cols) {
                for (int c = 0; c < cols; c++) {
                    dst[i + c] = (src[i + c] - m[c]) * s[c];
                }
            }
        } else {
            double[] src = ((DoubleMatrix) x).data();
            double[] dst = ((DoubleMatrix) out).data();
            for (int i = 0; i < n; i += cols) {
                for (int c = 0; c < cols; c++) {
                    dst[i + c] = (src[i + c] - mean[c]) * scale[c];
                }
            }
        }
    }
}
