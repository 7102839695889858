package dev.lanes.network.model;

import dev.lanes.network.train.Standardizer;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.util.Objects;
import java.util.Optional;

/**
 * How raw input values were turned into what a network was trained on: {@code x' = ((x / divisor) − mean)·scale},
 * where the division by a pixel {@code divisor} (255 for 8-bit images) and the per-feature standardisation are each
 * optional. Applying the recorded scaling to new raw values gives them exactly the transform the training data had,
 * bit for bit: the division is done in {@code double} and rounded once to the matrix type, as the IDX reader
 * scales pixels, and the standardisation is {@link Standardizer#apply}.
 *
 * <p>IDX image files are always read scaled to [0, 1] ({@link dev.lanes.network.data.Idx#readImages}), so for them
 * only the {@link #standardizer()} part remains to apply; values from elsewhere (CSV rows of raw pixels) get the
 * whole of {@link #apply}.
 */
public final class InputScaling {
    private static final InputScaling NONE = new InputScaling(1, null);

    private final double divisor;
    private final Standardizer standardizer;

    private InputScaling(double divisor, Standardizer standardizer) {
        this.divisor = divisor;
        this.standardizer = standardizer;
    }

    /**
     * The scaling that leaves values as they are.
     *
     * @return the identity scaling
     */
    public static InputScaling none() {
        return NONE;
    }

    /**
     * Division of every value by {@code divisor}, e.g. 255 for pixels stored as bytes.
     *
     * @param divisor the pixel scale's divisor; 1 is no division
     * @return the scaling {@code x / divisor}
     * @throws IllegalArgumentException when the divisor is not a finite number above zero
     */
    public static InputScaling divideBy(double divisor) {
        if (!(divisor > 0) || Double.isInfinite(divisor)) {
            throw new IllegalArgumentException("input scaling: the divisor must be a finite number above 0, got "
                    + divisor);
        }
        return divisor == 1 ? NONE : new InputScaling(divisor, null);
    }

    /**
     * This scaling followed by {@code standardizer}.
     *
     * @param standardizer the standardiser fitted on the values this scaling produced
     * @return the scaling that divides as this one does, then standardises
     * @throws IllegalStateException when this scaling already standardises
     */
    public InputScaling thenStandardize(Standardizer standardizer) {
        Objects.requireNonNull(standardizer, "standardizer");
        if (this.standardizer != null) {
            throw new IllegalStateException("input scaling: already standardised");
        }
        return new InputScaling(divisor, standardizer);
    }

    /**
     * The pixel divisor.
     *
     * @return the divisor, 1 when values are not divided
     */
    public double divisor() {
        return divisor;
    }

    /**
     * The standardisation applied after the division.
     *
     * @return the standardiser, or empty when there is none
     */
    public Optional<Standardizer> standardizer() {
        return Optional.ofNullable(standardizer);
    }

    /**
     * Whether this scaling changes nothing.
     *
     * @return true for {@link #none()}
     */
    public boolean isNone() {
        return divisor == 1 && standardizer == null;
    }

    /**
     * Scales raw values in place: divides, then standardises.
     *
     * @param x raw inputs, one per row
     * @throws IllegalArgumentException when a standardiser fitted on another number of features is applied
     */
    public void apply(Matrix x) {
        Objects.requireNonNull(x, "x");
        if (divisor != 1) {
            if (x instanceof FloatMatrix f) {
                float[] d = f.data();
                for (int i = 0, n = x.size(); i < n; i++) {
                    d[i] = (float) (d[i] / divisor);
                }
            } else {
                double[] d = ((DoubleMatrix) x).data();
                for (int i = 0, n = x.size(); i < n; i++) {
                    d[i] = d[i] / divisor;
                }
            }
        }
        if (standardizer != null) {
            standardizer.apply(x, x);
        }
    }

    /**
     * A short description: {@code none}, {@code divide by 255}, {@code standardize 4 features},
     * {@code divide by 255, then standardize 784 features}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        String division = divisor == 1 ? "" : "divide by " + (divisor == Math.rint(divisor)
                ? Long.toString((long) divisor) : Double.toString(divisor));
        if (standardizer == null) {
            return division;
        }
        return (division.isEmpty() ? "" : division + ", then ") + "standardize " + standardizer.features()
                + " features";
    }
}
