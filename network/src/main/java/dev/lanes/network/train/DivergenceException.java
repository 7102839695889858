package dev.lanes.network.train;

/**
 * Training produced a NaN or infinite loss or gradient. The parameters are left as they were after the last
 * finite step: the check runs before the update that would have spread the non-finite values.
 */
public final class DivergenceException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int iteration;
    private final String where;

    /**
     * @param iteration 0-based iteration whose loss or gradient went non-finite
     * @param where     what went non-finite first, e.g. {@code "relu1 output (row 3, column 7) is NaN"}
     */
    public DivergenceException(int iteration, String where) {
        super("training diverged at iteration " + iteration + ": " + where
                + "; the parameters are those of the last finite step (try a smaller learning rate)");
        this.iteration = iteration;
        this.where = where;
    }

    /** The 0-based iteration that diverged. */
    public int iteration() {
        return iteration;
    }

    /** What went non-finite first. */
    public String where() {
        return where;
    }
}
