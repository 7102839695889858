package dev.lanes.network.train;

/**
 * Training diverged: the loss or a gradient went NaN or infinite, the loss climbed far above where it started, or
 * an update could have carried a parameter past what any sane run reaches (and so could overflow it). The checks
 * run before the iteration's update, so the parameters are left as the previous iteration made them.
 */
public final class DivergenceException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** The iteration at which the run stopped. */
    private final int iteration;
    /** Where the divergence showed. */
    private final String where;

    /**
     * A divergence at {@code iteration}.
     *
     * @param iteration 0-based iteration that diverged
     * @param where     what was seen, e.g. {@code "relu1 output (row 3, column 7) is NaN"}
     */
    public DivergenceException(int iteration, String where) {
        super("training diverged at iteration " + iteration + ": " + where + "; the parameters are "
                + (iteration == 0 ? "untouched" : "left as iteration " + (iteration - 1) + " made them")
                + " (try a smaller learning rate, or inputs scaled to about 1)");
        this.iteration = iteration;
        this.where = where;
    }

    /** {@return the 0-based iteration that diverged} */
    public int iteration() {
        return iteration;
    }

    /** {@return what was seen} */
    public String where() {
        return where;
    }
}
