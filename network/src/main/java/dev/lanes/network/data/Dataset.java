package dev.lanes.network.data;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A training and a test set in MNIST format: images one per row, scaled to [0, 1], and their class labels.
 *
 * @param trainX training images, one per row
 * @param trainY training labels, one per row of {@code trainX}
 * @param testX  test images, one per row, as wide as {@code trainX}
 * @param testY  test labels, one per row of {@code testX}
 */
public record Dataset(Matrix trainX, int[] trainY, Matrix testX, int[] testY) {

    /** The training images of an MNIST-format directory (each of the four found with or without {@code .gz}). */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** The training labels of an MNIST-format directory. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** The test images of an MNIST-format directory. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** The test labels of an MNIST-format directory. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST. */
    public static final Path SYSTEM_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    /** The environment variable naming a data directory when {@code --data} is not given. */
    public static final String ENV = "LANES_DATA";

    /**
     * Checks that the images and labels agree; {@link #load} builds datasets through here.
     *
     * @param trainX the training images, one per row
     * @param trainY the training labels
     * @param testX the test images, one per row
     * @param testY the test labels
     */
    public Dataset {
        if (trainX.rows() == 0) {
            throw new IllegalArgumentException("dataset: the training set has no images");
        }
        if (trainX.rows() != trainY.length || testX.rows() != testY.length) {
            throw new IllegalArgumentException("dataset: " + trainX.rows() + " training images but " + trainY.length
                    + " labels, " + testX.rows() + " test images but " + testY.length + " labels");
        }
        if (trainX.cols() != testX.cols()) {
            throw new IllegalArgumentException("dataset: training images have " + trainX.cols()
                    + " pixels but test images have " + testX.cols());
        }
    }

    /** {@return the number of classes: one more than the largest label in either set} */
    public int classes() {
        int max = -1;
        for (int y : trainY) {
            max = Math.max(max, y);
        }
        for (int y : testY) {
            max = Math.max(max, y);
        }
        return max + 1;
    }

    /**
     * Loads the four MNIST-format files from {@code dir}. Image and label counts must match and both image files
     * must have the same image size; a mismatch is reported with both file names.
     *
     * @param dir the folder holding the four files
     * @param dtype the element type
     * @throws IOException when the file cannot be read or written
     * @return the training and test images and labels
     */
    public static Dataset load(Path dir, DType dtype) throws IOException {
        return load(dir, dtype, Idx.ANY_LABEL);
    }

    /**
     * Loads the four files as {@link #load(Path, DType)} does, for a network with {@code classes} outputs: a label
     * it cannot give is reported with its file, row and value.
     *
     * @param dir the folder holding the four files
     * @param dtype the element type
     * @param classes the number of classes
     * @throws IOException when the file cannot be read or written
     * @return the training and test images and labels
     */
    public static Dataset load(Path dir, DType dtype, int classes) throws IOException {
        Path trainImages = find(dir, TRAIN_IMAGES);
        Path trainLabels = find(dir, TRAIN_LABELS);
        Path testImages = find(dir, TEST_IMAGES);
        Path testLabels = find(dir, TEST_LABELS);
        Matrix trainX = Idx.readImages(trainImages, dtype);
        if (trainX.rows() == 0) {
            throw new IdxFormatException(trainImages, 4, "the training set holds no images");
        }
        int[] trainY = Idx.readLabels(trainLabels, classes);
        checkCount(trainImages, trainX.rows(), trainLabels, trainY.length);
        Matrix testX = Idx.readImages(testImages, dtype);
        int[] testY = Idx.readLabels(testLabels, classes);
        checkCount(testImages, testX.rows(), testLabels, testY.length);
        if (trainX.cols() != testX.cols()) {
            throw new IOException(trainImages + " has images of " + trainX.cols() + " pixels but " + testImages
                    + " has images of " + testX.cols() + " pixels");
        }
        return new Dataset(trainX, trainY, testX, testY);
    }

    /**
     * True when {@code dir} holds all four files (each raw or gzip).
     *
     * @param dir the folder holding the four files
     * @return true when {@code dir} holds all four files (each raw or gzip)
     */
    public static boolean isDataDirectory(Path dir) {
        for (String name : new String[] {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
            if (!Files.isRegularFile(dir.resolve(name)) && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The data directory to use: {@code option} (the {@code --data} argument) when given, else {@code envValue}
     * (the value of {@value #ENV}) when set, else {@link #SYSTEM_FOLDER} when it holds the files. An explicit choice
     * is returned even when it lacks the files, so that {@link #load} reports what is missing there instead of
     * quietly training on other data.
     *
     * @param option the command-line value, or null
     * @param envValue the environment variable's value, or null
     * @return the folder to read, or empty when nothing is set and the package is not installed
     */
    public static Optional<Path> locate(String option, String envValue) {
        if (option != null) {
            return Optional.of(Path.of(option));
        }
        if (envValue != null && !envValue.isBlank()) {
            return Optional.of(Path.of(envValue));
        }
        return isDataDirectory(SYSTEM_FOLDER) ? Optional.of(SYSTEM_FOLDER) : Optional.empty();
    }

    /** {@return what to tell a user when {@link #locate} finds nothing} */
    public static String howToGetData() {
        return "No training data found. Either install Fashion-MNIST, which goes to " + SYSTEM_FOLDER + ":\n"
                + "    sudo apt-get install dataset-fashion-mnist\n"
                + "or point Lanes at any directory holding the four MNIST-format files\n"
                + "    " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + ", " + TEST_LABELS
                + " (each may end in .gz)\n"
                + "with --data DIR or the environment variable " + ENV + "=DIR.";
    }

    private static Path find(Path dir, String name) throws IOException {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new NoSuchFileException(raw.toString(), null,
                "data directory " + dir + " has neither " + name + " nor " + name + ".gz");
    }

    private static void checkCount(Path images, int imageCount, Path labels, int labelCount) throws IOException {
        if (imageCount != labelCount) {
            throw new IOException(images + " has " + imageCount + " images but " + labels + " has " + labelCount
                    + " labels");
        }
    }
}
