package dev.lanes.network.train;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.List;
import java.util.Locale;

/**
 * Tells a diverging run from a healthy one inside {@link Trainer}'s steps, before each update changes anything,
 * so a {@link DivergenceException} always leaves the parameters as the previous iteration made them. A run
 * diverges when its loss or a gradient is not finite, when its loss climbs far above where it started, or when a
 * step could carry a parameter past a bound no sane run reaches (a large enough step would overflow it). Allocates
 * nothing: each step costs one pass over the gradients, which the finiteness check needed anyway.
 */
final class DivergenceWatch {
    /**
     * How many times its first value (or 1, when that was smaller) the loss may reach. On Fashion-MNIST, 3,000
     * iterations of SGD and momentum at the reference rate peaked at 1.04 times the first loss for every
     * activation; at a rate of 1e6 every optimiser passed 1e6 times it within 125 iterations.
     */
    static final double LOSS_RISE = 1000;
    /**
     * The largest parameter magnitude a step may lead to. The same healthy runs stay below 3; diverging ones
     * reach 1e9 to 1e24 (1e111 in double when the inputs are of order 1e30). It is far below float's 3.4e38, so
     * a step allowed by it cannot overflow.
     */
    static final double PARAMETER_BOUND = 1e12;

    private final Network network;
    private final List<Parameter> params;
    private double firstLoss = Double.NaN;
    /**
     * At least the largest parameter magnitude: measured at the start, then raised by each step's bound, and only
     * measured again (a pass over every parameter) when that sum nears {@link #PARAMETER_BOUND}, which no healthy
     * run's does.
     */
    private double largestParameter;

    DivergenceWatch(Network network, List<Parameter> params) {
        this.network = network;
        this.params = params;
        this.largestParameter = largest();
    }

    /** The loss the rise is measured from (NaN before the first), for a checkpoint. */
    double firstLoss() {
        return firstLoss;
    }

    /** Continues from a checkpoint's {@link #firstLoss()}, with the parameters it put back measured again. */
    void resume(double loss) {
        firstLoss = loss;
        largestParameter = largest();
    }

    /** Checks the loss of this iteration's forward pass. */
    void checkLoss(int iteration, double loss) {
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(iteration, network.firstNonFiniteOutput()
                    .orElse("the " + network.lossLayer().name() + " loss is " + loss));
        }
        if (Double.isNaN(firstLoss)) {
            firstLoss = loss;
        } else if (loss > LOSS_RISE * Math.max(firstLoss, 1)) {
            throw new DivergenceException(iteration, format("the loss is %.3g, over %.0f times its first value %.3g",
                    loss, LOSS_RISE, firstLoss));
        }
    }

    /** Checks the gradients and what the optimiser's step could do with them, before the step is taken. */
    void checkStep(int iteration, Optimizer optimizer) {
        double largestGradient = 0;
        for (Parameter p : params) {
            Matrix g = p.gradient();
            double m = Ops.maxAbs(g);
            if (!(m <= Double.MAX_VALUE)) {
                int at = Ops.firstNonFinite(g);
                throw new DivergenceException(iteration, "the gradient of " + p.name() + " (row " + at / g.cols()
                        + ", column " + at % g.cols() + ") is " + g.unsafeGet(at));
            }
            largestGradient = Math.max(largestGradient, m * p.learningRateScale());
        }
        double change = optimizer.maxChange(largestGradient);
        if (!(largestParameter + change <= PARAMETER_BOUND)) {
            largestParameter = largest();
        }
        if (!(largestParameter + change <= PARAMETER_BOUND)) {
            throw new DivergenceException(iteration, format("the update could move a parameter by up to %.3g "
                    + "(the largest scaled gradient element is %.3g and the largest parameter %.3g), past %.0e, which no "
                    + "sane run reaches", change, largestGradient, largestParameter, PARAMETER_BOUND));
        }
        largestParameter += change;
    }

    private double largest() {
        double m = 0;
        for (Parameter p : params) {
            m = Math.max(m, Ops.maxAbs(p.value()));
        }
        return m;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
