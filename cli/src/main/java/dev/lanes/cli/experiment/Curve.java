package dev.lanes.cli.experiment;

import dev.lanes.cli.SvgChart;

/**
 * A learning curve: test accuracy after each number of training examples seen.
 *
 * @param name     the setting, for tables and legends
 * @param examples examples seen at each point, from 0
 * @param accuracy test accuracy at each point
 * @param diverged whether the loss stopped being finite (the run then stopped updating)
 */
public record Curve(String name, double[] examples, double[] accuracy, boolean diverged) {
    /**
     * Copies the arrays.
     *
     * @param name     the setting
     * @param examples examples seen at each point
     * @param accuracy test accuracy at each point
     * @param diverged whether the loss stopped being finite
     * @throws IllegalArgumentException when they differ in length
     */
    public Curve {
        if (examples.length != accuracy.length) {
            throw new IllegalArgumentException(name + ": " + examples.length + " points but " + accuracy.length
                    + " accuracies");
        }
        examples = examples.clone();
        accuracy = accuracy.clone();
    }

    /**
     * The accuracy at the end of the budget.
     *
     * @return the last point's accuracy
     */
    public double last() {
        return accuracy[accuracy.length - 1];
    }

    /**
     * The same curve under another name, for a run that stands in several comparisons.
     *
     * @param other the new name
     * @return the renamed curve
     */
    public Curve named(String other) {
        return new Curve(other, examples, accuracy, diverged);
    }

    /**
     * The curve as a chart line, x in thousands of examples.
     *
     * @return the series
     */
    public SvgChart.Series series() {
        double[] thousands = new double[examples.length];
        for (int i = 0; i < examples.length; i++) {
            thousands[i] = examples[i] / 1000;
        }
        return new SvgChart.Series(name, thousands, accuracy);
    }
}
