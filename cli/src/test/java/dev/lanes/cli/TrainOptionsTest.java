package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.network.LayerKind;
import dev.lanes.numerics.DType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {
    @Test
    void defaultsAreTheReferenceRun() throws UsageException {
        TrainOptions o = TrainOptions.parse(new String[] {"train"});
        assertArrayEquals(new int[] {784, 50, 10}, o.layers());
        assertEquals(LayerKind.RELU, o.activation());
        assertEquals("gaussian:0.01", o.init());
        assertEquals("sgd", o.optimizer());
        assertEquals(0.1, o.learningRate());
        assertEquals(100, o.batchSize());
        assertEquals(10_000, o.iterations());
        assertEquals(0, o.epochs());
        assertEquals(DType.FLOAT32, o.dtype());
        assertFalse(o.standardize());
        assertEquals(Path.of("lanes-model.bin"), o.model());
        assertEquals(Path.of("lanes-model.svg"), o.chart());
    }

    @Test
    void bothOptionSpellingsAreAccepted() throws UsageException {
        TrainOptions o = TrainOptions.parse(new String[] {"train", "--layers=784,100,50,10", "--epochs", "3",
            "--dtype=double", "--optimizer", "nesterov:0.5", "--out", "runs/a.model", "--standardize", "--threads", "2"});
        assertArrayEquals(new int[] {784, 100, 50, 10}, o.layers());
        assertEquals(3, o.epochs());
        assertEquals(DType.FLOAT64, o.dtype());
        assertEquals(2, o.threads());
        assertEquals(Path.of("runs/a.svg"), o.chart());
        assertEquals("784-100-50-10 relu, init gaussian:0.01, nesterov:0.5 lr 0.1, batch 100, 3 epochs, double, standardized",
                o.describe());
    }

    @Test
    void aModelNameWithoutExtensionGetsTheChartBesideIt() throws UsageException {
        assertEquals(Path.of("dir/model.svg"), TrainOptions.parse(new String[] {"train", "--out", "dir/model"}).chart());
    }

    @Test
    void lossTargetsPerLayerRatesAndSamplingAreChosenOnTheCommandLine() throws UsageException {
        TrainOptions defaults = TrainOptions.parse(new String[] {"train"});
        assertEquals(TrainChoices.DEFAULTS, defaults.choices());
        assertEquals(dev.lanes.network.LossKind.SOFTMAX_CROSS_ENTROPY, defaults.network().lossKind());
        TrainOptions o = TrainOptions.parse(new String[] {"train", "--loss", "mse", "--targets=pm1",
            "--lr-per-layer", "fan-in", "--sampling", "replacement", "--layers", "784,50,10"});
        assertEquals(new TrainChoices(dev.lanes.network.LossKind.MEAN_SQUARED_ERROR, true, true,
                dev.lanes.network.train.Trainer.Sampling.WITH_REPLACEMENT), o.choices());
        dev.lanes.network.Network net = o.network();
        assertEquals(dev.lanes.network.LossKind.MEAN_SQUARED_ERROR, net.lossKind());
        o.choices().apply(net, dev.lanes.network.train.Trainer.builder(net));
        assertEquals(1 / 28.0, net.parameters().get("affine1.W").learningRateScale(), 1e-15);
        assertEquals(1 / Math.sqrt(50), net.parameters().get("affine2.b").learningRateScale(), 1e-15);
        assertTrue(o.describe().endsWith(", mse pm1, lr per layer 1/sqrt(fan-in), batches with replacement"), o.describe());
    }

    @Test
    void badChoicesNameTheOption() {
        for (String[] args : new String[][] {{"--loss", "hinge"}, {"--targets", "pm2"}, {"--lr-per-layer", "fanin"},
            {"--sampling", "random"}, {"--targets", "pm1"}}) {
            String[] full = new String[args.length + 1];
            full[0] = "train";
            System.arraycopy(args, 0, full, 1, args.length);
            UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> TrainOptions.parse(full));
            assertTrue(e.getMessage().contains(args[0]), e.getMessage());
        }
    }

    @Test
    void csvDataHasItsOwnInitDefaultAndLayout() throws UsageException {
        TrainOptions o = TrainOptions.parse(new String[] {"train", "--train", "a.csv", "--label-column", "2",
            "--delimiter", "tab", "--header"});
        assertEquals("he", o.init());
        assertEquals(new CsvTable.Layout(true, '\t', 2), o.table().layout());
        assertEquals(null, o.table().test());
        assertEquals("xavier", TrainOptions.parse(new String[] {"train", "--train", "a.csv", "--label-column", "0",
            "--activation", "tanh"}).init());
        assertEquals("lecun", TrainOptions.parse(new String[] {"train", "--train", "a.csv", "--label-column", "0",
            "--init", "lecun"}).init());
        assertEquals(null, TrainOptions.parse(new String[] {"train"}).table());
    }

    @Test
    void csvOptionsThatDoNotFitAreUsageErrors() {
        assertEquals("train: give --data DIR (IDX files) or --train FILE.csv, not both", assertThrows(UsageException.class,
                () -> TrainOptions.parse(new String[] {"train", "--train", "a.csv", "--data", "d"})).getMessage());
        assertEquals("train: --header is for CSV data, given with --train FILE.csv", assertThrows(UsageException.class,
                () -> TrainOptions.parse(new String[] {"train", "--header"})).getMessage());
        assertEquals("train: --delimiter wants one character other than a quote or a space (or tab), got ';;'",
                assertThrows(UsageException.class, () -> TrainOptions.parse(new String[] {"train", "--train", "a.csv",
                    "--label-column", "1", "--delimiter", ";;"})).getMessage());
    }
}
