package dev.lanes.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanes.network.data.Dataset;
import dev.lanes.numerics.DType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The large, stable effects of {@code lecun-tricks} on a smaller subset: class-sorted order and full-batch
 * learning are both clearly worse than shuffled mini-batches with the same budget of examples.
 */
@Tag("real-data")
class LecunTricksRealDataTest {
    @Test
    void classSortedOrderAndFullBatchesFallFarBehindShuffledMiniBatches() throws Exception {
        Optional<Path> dir = Dataset.locate(null, System.getenv(Dataset.ENV));
        boolean present = dir.isPresent() && Dataset.isDataDirectory(dir.get());
        String skipped = "real-data test SKIPPED: no MNIST-format data in " + dir.orElse(Dataset.SYSTEM_FOLDER)
                + ". " + Dataset.howToGetData();
        if (!present) {
            System.out.println(skipped);
        }
        assumeTrue(present, skipped);
        Dataset data = Dataset.load(dir.get(), DType.FLOAT32);
        List<LecunTricks.Trick> tricks = LecunTricks.run(data, new LecunTricks.Sizes(3000, 1000, 15_000, 30, 3), 1,
                name -> name.equals("batch") || name.equals("order"));
        LecunTricks.Trick order = tricks.get(1);
        double shuffled = order.finalAccuracy("shuffled");
        double sorted = order.finalAccuracy("class-sorted");
        System.out.printf(Locale.ROOT, "real-data: lecun-tricks: shuffled %.4f, class-sorted %.4f%n", shuffled, sorted);
        assertTrue(shuffled > 0.7 && sorted < shuffled - 0.2, String.format(Locale.ROOT,
                "shuffled %.4f, class-sorted %.4f", shuffled, sorted));
        LecunTricks.Trick batch = tricks.get(0);
        double mini = batch.finalAccuracy("batch 100, lr 0.1");
        double full = batch.finalAccuracy("full batch, lr 0.1");
        assertTrue(full < mini - 0.05, String.format(Locale.ROOT, "batch 100 %.4f, full batch %.4f", mini, full));
    }
}
