package dev.lanes.cli.experiment;

import dev.lanes.network.Network;
import dev.lanes.network.Targets;
import dev.lanes.network.train.Optimizer;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.Random;

/**
 * Trains a network on a fixed budget of examples and records its test accuracy at evenly spaced points: the learning
 * curves of the experiments. Unlike {@code Trainer} it can present the examples in class-sorted order, and it
 * counts examples rather than epochs, so batch sizes are compared at an equal budget.
 */
final class CurveTrainer {
    /** How the training examples are ordered. */
    enum Order {
        /** A new random permutation every epoch. */
        SHUFFLED,
        /** All examples of class 0, then of class 1, and so on, every epoch the same. */
        CLASS_SORTED
    }

    private final Matrix x;
    private final int[] y;
    private final Matrix testX;
    private final int[] testY;
    private long budget;
    private int points = 10;
    private int batch = 100;
    private Order order = Order.SHUFFLED;
    private double off = 0;
    private double on = 1;
    private long seed = 1;

    CurveTrainer(Matrix x, int[] y, Matrix testX, int[] testY, long budget) {
        this.x = x;
        this.y = y;
        this.testX = testX;
        this.testY = testY;
        this.budget = budget;
    }

    CurveTrainer batch(int batch) {
        this.batch = Math.min(batch, x.rows());
        return this;
    }

    CurveTrainer order(Order order) {
        this.order = order;
        return this;
    }

    CurveTrainer targets(double off, double on) {
        this.off = off;
        this.on = on;
        return this;
    }

    CurveTrainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    CurveTrainer points(int points) {
        this.points = points;
        return this;
    }

    Curve train(String name, Network net, Optimizer optimizer) {
        int n = x.rows();
        int[] sequence = new int[n];
        int[] sorted = classSorted();
        Random rng = new Random(seed);
        int[] rows = new int[batch];
        int[] labels = new int[batch];
        Matrix bx = Matrix.zeros(net.dtype(), batch, x.cols());
        Targets targets = Targets.classes(labels, off, on);
        double[] examples = new double[points + 1];
        double[] accuracy = new double[points + 1];
        accuracy[0] = net.accuracy(testX, testY);
        long seen = 0;
        int pos = n;
        int next = 1;
        boolean diverged = false;
        while (next <= points) {
            for (int i = 0; i < batch; i++) {
                if (pos == n) {
                    refill(sequence, sorted, rng);
                    pos = 0;
                }
                rows[i] = sequence[pos++];
                labels[i] = y[rows[i]];
            }
            if (!diverged) {
                Ops.gatherRows(x, rows, 0, bx);
                double loss = net.loss(bx, targets);
                if (Double.isFinite(loss)) {
                    net.backward();
                    optimizer.step(net.parameters().values());
                } else {
                    diverged = true;
                }
            }
            seen += batch;
            while (next <= points && seen >= budget * next / points) {
                examples[next] = seen;
                accuracy[next] = net.accuracy(testX, testY);
                next++;
            }
        }
        return new Curve(name, examples, accuracy, diverged);
    }

    private void refill(int[] sequence, int[] sorted, Random rng) {
        System.arraycopy(sorted, 0, sequence, 0, sequence.length);
        if (order == Order.SHUFFLED) {
            for (int i = sequence.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = sequence[i];
                sequence[i] = sequence[j];
                sequence[j] = t;
            }
        }
    }

    /** Row indices ordered by class, and by index within a class (a counting sort, so stable). */
    private int[] classSorted() {
        int classes = 0;
        for (int label : y) {
            classes = Math.max(classes, label + 1);
        }
        int[] start = new int[classes + 1];
        for (int label : y) {
            start[label + 1]++;
        }
        for (int c = 0; c < classes; c++) {
            start[c + 1] += start[c];
        }
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[start[y[i]]++] = i;
        }
        return out;
    }
}
