package dev.lanes.numerics.kernel;

import java.util.Locale;

/**
 * The vector width asked for with {@code -Dlanes.vectorBits}: {@code 256} runs the Vector API kernels on 256-bit
 * vectors (and the GEMM on its 16-register tile) on any machine that has them, so both shipped widths can be
 * tested on an AVX-512 machine. Unset means the platform's preferred width. No incubator types here: the provider
 * checks the setting before loading any vector class.
 */
public final class VectorWidth {
    /** The system property. */
    public static final String PROPERTY = "lanes.vectorBits";
    /** The widths the kernels are written and tested for. */
    static final int[] SHIPPED = {256, 512};

    private VectorWidth() {
    }

    /**
     * The requested width in bits, or 0 for the preferred one.
     *
     * @throws IllegalStateException when the property is not one of the shipped widths
     */
    public static int requestedBits() {
        String value = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return 0;
        }
        for (int bits : SHIPPED) {
            if (value.equals(Integer.toString(bits))) {
                return bits;
            }
        }
        throw new IllegalStateException("-D" + PROPERTY + "=" + value + " is not one of: 256, 512");
    }
}
