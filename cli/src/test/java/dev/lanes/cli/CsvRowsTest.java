package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvRowsTest {
    private static Matrix read(String text, int width) throws Exception {
        return CsvRows.read(new BufferedReader(new StringReader(text)), "in.csv", width, DType.FLOAT64);
    }

    @Test
    void readsRowsAndSkipsBlankLines() throws Exception {
        Matrix m = read("1, 2,3\n\n0.5,-1e-3,7\n", 3);
        assertTrue(m.equalsWithin(Matrix.of(DType.FLOAT64, 2, 3, 1, 2, 3, 0.5, -1e-3, 7), 0), m.toString());
    }

    @Test
    void wrongWidthNamesTheLine() {
        CommandException e = assertThrows(CommandException.class, () -> read("1,2,3\n1,2\n", 3));
        assertEquals("in.csv line 2 has 2 values but the model takes 3", e.getMessage());
    }

    @Test
    void nonNumbersAndNonFiniteValuesNameLineAndColumn() {
        assertEquals("in.csv line 1, value 2: 'x' is not a finite number",
                assertThrows(CommandException.class, () -> read("1,x\n", 2)).getMessage());
        assertEquals("in.csv line 1, value 1: 'NaN' is not a finite number",
                assertThrows(CommandException.class, () -> read("NaN,1\n", 2)).getMessage());
    }
}
