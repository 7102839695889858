package dev.lanes.network.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path dir;

    private void writeSet(int train, int trainLabels, int test, int testLabels, int side) throws IOException {
        Files.write(dir.resolve(Dataset.TRAIN_IMAGES + ".gz"),
                IdxBytes.gzip(IdxBytes.images(train, side, side, new byte[train * side * side])));
        Files.write(dir.resolve(Dataset.TRAIN_LABELS), IdxBytes.labels(new byte[trainLabels]));
        Files.write(dir.resolve(Dataset.TEST_IMAGES), IdxBytes.images(test, side, side, new byte[test * side * side]));
        byte[] labels = new byte[testLabels];
        labels[0] = 9;
        Files.write(dir.resolve(Dataset.TEST_LABELS + ".gz"), IdxBytes.gzip(IdxBytes.labels(labels)));
    }

    @Test
    void loadsMixedRawAndGzipFiles() throws IOException {
        writeSet(5, 5, 3, 3, 4);

        Dataset d = Dataset.load(dir, DType.FLOAT64);

        assertEquals("5x16", d.trainX().shape());
        assertEquals("3x16", d.testX().shape());
        assertEquals(DType.FLOAT64, d.testX().dtype());
        assertArrayEquals(new int[] {9, 0, 0}, d.testY());
        assertEquals(10, d.classes());
        assertTrue(Dataset.isDataDirectory(dir));
    }

    @Test
    void mismatchedCountsNameBothFiles() throws IOException {
        writeSet(5, 4, 3, 3, 4);

        IOException e = assertThrows(IOException.class, () -> Dataset.load(dir, DType.FLOAT32));

        assertTrue(e.getMessage().contains(Dataset.TRAIN_IMAGES + ".gz has 5 images")
                && e.getMessage().contains(Dataset.TRAIN_LABELS + " has 4 labels"), e.getMessage());
    }

    @Test
    void aTrainingSetWithoutImagesIsRejectedWithItsFile() throws IOException {
        writeSet(0, 0, 3, 3, 4);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Dataset.load(dir, DType.FLOAT32));

        assertEquals(dir.resolve(Dataset.TRAIN_IMAGES + ".gz") + ": at byte offset 4: the training set holds no images",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset(Matrix.zeros(DType.FLOAT32, 0, 16), new int[0],
                Matrix.zeros(DType.FLOAT32, 3, 16), new int[3]));
    }

    @Test
    void aLabelBeyondTheOutputsNamesItsFileAndRow() throws IOException {
        writeSet(5, 5, 3, 3, 4);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Dataset.load(dir, DType.FLOAT32, 9));

        assertEquals(dir.resolve(Dataset.TEST_LABELS + ".gz") + ": at byte offset 8: row 0 has label 9 but the"
                + " network has 9 outputs, so labels must be 0..8", e.getMessage());
    }

    @Test
    void missingFileIsNamedWithBothSpellings() throws IOException {
        writeSet(2, 2, 2, 2, 2);
        Files.delete(dir.resolve(Dataset.TEST_IMAGES));

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Dataset.load(dir, DType.FLOAT32));

        assertTrue(e.getMessage().contains(Dataset.TEST_IMAGES + ".gz"), e.getMessage());
        assertEquals(false, Dataset.isDataDirectory(dir));
    }

    @Test
    void explicitChoicesWinOverTheSystemFolder() {
        assertEquals(Optional.of(Path.of("a")), Dataset.locate("a", "b"));
        assertEquals(Optional.of(Path.of("b")), Dataset.locate(null, "b"));
        Optional<Path> fallback = Dataset.locate(null, " ");
        assertEquals(Dataset.isDataDirectory(Dataset.SYSTEM_FOLDER), fallback.isPresent());
        fallback.ifPresent(p -> assertEquals(Dataset.SYSTEM_FOLDER, p));
    }

    @Test
    void helpTextNamesThePackageAndTheFourFiles() {
        String help = Dataset.howToGetData();
        for (String s : new String[] {"apt-get install dataset-fashion-mnist", "--data", Dataset.ENV,
                Dataset.TRAIN_IMAGES, Dataset.TRAIN_LABELS, Dataset.TEST_IMAGES, Dataset.TEST_LABELS}) {
            assertTrue(help.contains(s), s);
        }
    }
}
