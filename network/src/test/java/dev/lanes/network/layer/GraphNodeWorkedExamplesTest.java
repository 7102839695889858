package dev.lanes.network.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The reference material's worked examples of single computational-graph nodes, and of functions built from them,
 * with its numbers.
 */
class GraphNodeWorkedExamplesTest {
    private static Matrix scalar(double v) {
        return Matrix.of(DType.FLOAT64, 1, 1, v);
    }

    @Test
    void addNodePassesTheUpstreamGradientToBothInputs() {
        Add add = new Add();
        assertEquals(15, add.forward(scalar(10), scalar(5)).get(0, 0));
        add.backward(scalar(1.3));
        assertEquals(1.3, add.dx().get(0, 0));
        assertEquals(1.3, add.dy().get(0, 0));
    }

    @Test
    void multiplyNodeSwapsItsForwardInputsInBackward() {
        Multiply mul = new Multiply();
        assertEquals(50, mul.forward(scalar(10), scalar(5)).get(0, 0));
        // a second node run in between must not disturb what the first kept from its forward pass
        new Multiply().forward(scalar(7), scalar(3));
        mul.backward(scalar(1.3));
        assertEquals(6.5, mul.dx().get(0, 0), 1e-12, "1.3 x y");
        assertEquals(13, mul.dy().get(0, 0), 1e-12, "1.3 x x");
    }

    @Test
    void squareOfASumBackpropagatesToTwiceTheSum() {
        double[][] cases = {{1, 2}, {-3, 0.5}, {10, 5}, {0, 0}};
        for (double[] c : cases) {
            Add add = new Add();
            Multiply square = new Multiply();
            Matrix t = add.forward(scalar(c[0]), scalar(c[1]));
            Matrix z = square.forward(t, t);
            assertEquals((c[0] + c[1]) * (c[0] + c[1]), z.get(0, 0), 1e-12);
            square.backward(scalar(1));
            // t feeds both inputs of the product, so its gradient is the sum of the two branches
            Matrix dt = scalar(square.dx().get(0, 0) + square.dy().get(0, 0));
            add.backward(dt);
            assertEquals(2 * (c[0] + c[1]), add.dx().get(0, 0), 1e-12, "dz/dx at " + c[0] + ", " + c[1]);
            assertEquals(2 * (c[0] + c[1]), add.dy().get(0, 0), 1e-12, "dz/dy at " + c[0] + ", " + c[1]);
        }
    }

    /**
     * Sigmoid as the material draws it: x → ×(−1) → exp → +1 → 1/x → y. Backward runs the stages in reverse: 1/x
     * gives −1/c² (c = 1 + e^−x), +1 passes the gradient on, exp multiplies by its output e^−x, and ×(−1) flips the
     * sign. The product, dout·e^−x/(1 + e^−x)², is y(1 − y)·dout, what the fused layer computes from its output.
     */
    @Test
    void sigmoidAsAGraphOfFourNodesEqualsTheFusedLayer() {
        double[] xs = {-6, -2.5, -1, -0.1, 0, 0.3, 1, 2, 7};
        double[] upstream = {0.7, -1.1, 2, 0.5, 1, -0.4, 1.3, 0.9, -2};
        Matrix x = Matrix.of(DType.FLOAT64, 1, xs.length, xs);
        Matrix dout = Matrix.of(DType.FLOAT64, 1, xs.length, upstream);
        Sigmoid fused = new Sigmoid("sigmoid1");
        Matrix y = fused.forward(x);
        Matrix dx = fused.backward(dout);
        for (int i = 0; i < xs.length; i++) {
            double a = -xs[i];
            double b = Math.exp(a);
            double c = 1 + b;
            double graphY = 1 / c;
            double dc = upstream[i] * (-1 / (c * c));
            double db = dc;
            double da = db * b;
            double graphDx = da * -1;
            assertEquals(graphY, y.get(0, i), 1e-15, "forward at " + xs[i]);
            assertEquals(graphDx, dx.get(0, i), 1e-15, "backward at " + xs[i]);
        }
    }

    @Test
    void batchedBiasIsAddedToEveryRowAndItsGradientSumsTheColumns() {
        Affine affine = new Affine("affine1", Matrix.identity(DType.FLOAT64, 3), Matrix.of(DType.FLOAT64, 1, 3, 1, 2, 3));
        Matrix x = Matrix.of(DType.FLOAT64, 2, 3, 0, 0, 0, 10, 10, 10);
        Matrix y = affine.forward(x);
        assertEquals(Matrix.of(DType.FLOAT64, 2, 3, 1, 2, 3, 11, 12, 13).toString(), y.toString());
        affine.backward(Matrix.of(DType.FLOAT64, 2, 3, 1, 2, 3, 4, 5, 6));
        Matrix db = affine.parameters().get(1).gradient();
        assertEquals(Matrix.of(DType.FLOAT64, 1, 3, 5, 7, 9).toString(), db.toString());
    }
}
