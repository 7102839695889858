package dev.lanes.network.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import org.junit.jupiter.api.Test;

/** The reference material's computational-graph example: 2 apples at 100 and 3 oranges at 150, taxed at 1.1. */
class ShoppingBillTest {
    private static Matrix scalar(double v) {
        return Matrix.of(DType.FLOAT64, 1, 1, v);
    }

    @Test
    void forwardGives715AndBackwardGivesEveryPartialDerivative() {
        Matrix applePrice = scalar(100);
        Matrix appleCount = scalar(2);
        Matrix orangePrice = scalar(150);
        Matrix orangeCount = scalar(3);
        Matrix tax = scalar(1.1);
        Multiply apples = new Multiply();
        Multiply oranges = new Multiply();
        Add sum = new Add();
        Multiply taxed = new Multiply();

        Matrix appleTotal = apples.forward(applePrice, appleCount);
        Matrix orangeTotal = oranges.forward(orangePrice, orangeCount);
        Matrix subtotal = sum.forward(appleTotal, orangeTotal);
        Matrix price = taxed.forward(subtotal, tax);
        assertEquals(715, price.get(0, 0), 1e-9);

        taxed.backward(scalar(1));
        sum.backward(taxed.dx());
        apples.backward(sum.dx());
        oranges.backward(sum.dy());
        assertEquals(2.2, apples.dx().get(0, 0), 1e-12, "d price / d apple price");
        assertEquals(110, apples.dy().get(0, 0), 1e-9, "d price / d apple count");
        assertEquals(3.3, oranges.dx().get(0, 0), 1e-12, "d price / d orange price");
        assertEquals(165, oranges.dy().get(0, 0), 1e-9, "d price / d orange count");
        assertEquals(650, taxed.dy().get(0, 0), 1e-9, "d price / d tax");
    }
}
