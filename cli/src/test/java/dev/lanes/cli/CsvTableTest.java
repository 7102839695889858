package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static final CsvTable.Layout BARE = new CsvTable.Layout(false, ',', -1);
    private static final CsvTable.Layout LABEL_LAST = new CsvTable.Layout(true, ',', 2);

    private static CsvTable read(String text, CsvTable.Layout layout, int features) throws Exception {
        return CsvTable.read(new BufferedReader(new StringReader(text)), "in.csv", layout, features, "the model takes");
    }

    private static String error(String text, CsvTable.Layout layout, int features) {
        return assertThrows(CommandException.class, () -> read(text, layout, features)).getMessage();
    }

    @Test
    void readsBareRowsAndSkipsBlankLines() throws Exception {
        Matrix m = read("1, 2,3\n\n0.5,-1e-3,7\n", BARE, 3).features(DType.FLOAT64, 3);
        assertTrue(m.equalsWithin(Matrix.of(DType.FLOAT64, 2, 3, 1, 2, 3, 0.5, -1e-3, 7), 0), m.toString());
    }

    @Test
    void aHeaderAndALabelColumnAnywhere() throws Exception {
        CsvTable t = read("label;a;b\ncat;1;2\n\"dog; big\";3;4\n", new CsvTable.Layout(true, ';', 0), 2);
        assertEquals(List.of("cat", "dog; big"), t.labels());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.features(DType.FLOAT32, 2).toDoubleArray());
        assertEquals("in.csv line 3, column 0 (label)", t.labelAt(1));
    }

    @Test
    void quotedFieldsUnquoteDoubledQuotes() throws Exception {
        CsvTable t = read("x,y,label\n\"1\",2,\"say \"\"hi\"\"\"\n", LABEL_LAST, 2);
        assertEquals(List.of("say \"hi\""), t.labels());
    }

    @Test
    void errorsNameTheFileLineAndColumn() {
        assertEquals("in.csv line 4, column 1 (y): 'x' is not a finite number",
                error("x,y,label\n1,2,a\n\n1,x,b\n", LABEL_LAST, 2));
        assertEquals("in.csv line 2, column 0 (x): 'NaN' is not a finite number",
                error("x,y,label\nNaN,1,a\n", LABEL_LAST, 2));
        assertEquals("in.csv line 3 has 2 columns but the header has 3", error("x,y,label\n1,2,a\n1,2\n", LABEL_LAST, 2));
        assertEquals("in.csv line 2 has 2 columns but the first line has 3",
                error("1,2,3\n1,2\n", BARE, 3));
        assertEquals("in.csv line 1 has 2 feature columns besides the label column but the model takes 3",
                error("x,y,label\n", LABEL_LAST, 3));
        assertEquals("in.csv line 1 has 2 columns (0..1), so there is no label column 2",
                error("x,y\n", LABEL_LAST, 1));
        assertEquals("in.csv line 2, column 2 (label): the label is empty", error("x,y,label\n1,2, \n", LABEL_LAST, 2));
        assertEquals("in.csv line 2, column 2: the quote opened at character 5 is not closed on this line (quoted"
                + " fields cannot span lines)", error("x,y,label\n1,2,\"a\nb\"\n", LABEL_LAST, 2));
        assertEquals("in.csv line 2, column 0: text after the closing quote at character 3",
                error("x,y,label\n\"1\"2,2,a\n", LABEL_LAST, 2));
    }

    @Test
    void stringLabelsBecomeSortedClassesAndOthersAreNamedWhereTheyAre() throws Exception {
        CsvTable train = read("x,y,label\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8,setosa\n", LABEL_LAST, 2);
        List<String> names = ClassLabels.names(train, 3);
        assertEquals(List.of("setosa", "versicolor", "virginica"), names);
        assertArrayEquals(new int[] {2, 0, 1, 0}, ClassLabels.classes(train, names, 3));
        assertEquals("in.csv has 3 distinct labels (setosa, versicolor, virginica) but the network has 2 outputs;"
                + " the last --layers size is the class count",
                assertThrows(CommandException.class, () -> ClassLabels.names(train, 2)).getMessage());
        CsvTable test = read("x,y,label\n1,2,setosa\n1,2,rose\n", LABEL_LAST, 2);
        assertEquals("in.csv line 3, column 2 (label): label 'rose' is not one of the 3 classes (setosa, versicolor,"
                + " virginica)", assertThrows(CommandException.class,
                () -> ClassLabels.classes(test, names, 3)).getMessage());
    }

    @Test
    void wholeNumberLabelsAreTheClassesThemselves() throws Exception {
        CsvTable train = read("x,y,label\n1,2,1\n3,4,0\n", LABEL_LAST, 2);
        assertEquals(List.of(), ClassLabels.names(train, 2));
        assertArrayEquals(new int[] {1, 0}, ClassLabels.classes(train, List.of(), 2));
        CsvTable bad = read("x,y,label\n1,2,1\n3,4,2\n", LABEL_LAST, 2);
        assertEquals("in.csv line 3, column 2 (label): label '2' is not a class 0..1", assertThrows(
                CommandException.class, () -> ClassLabels.classes(bad, List.of(), 2)).getMessage());
    }
}
