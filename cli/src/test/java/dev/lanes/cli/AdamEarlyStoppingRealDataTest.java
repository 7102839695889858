package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanes.network.data.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run, {@code lanes train --optimizer adam --lr 0.001 --validation 0.1 --early-stopping 3 --epochs 50}
 * on Fashion-MNIST: it stops before epoch 50, says which epoch it restored, and the restored parameters reach test
 * accuracy 0.875. The run gives the same bits on every machine, so one seed (1) keeps CI short;
 * {@code -Dlanes.realData.seeds=1,2,3} runs more. Runs only in the real-data profile; without the data it is skipped
 * with a message saying so.
 */
@Tag("real-data")
class AdamEarlyStoppingRealDataTest {
    private static final double BAND = 0.875;

    @TempDir
    Path dir;

    @Test
    void adamWithEarlyStoppingStopsBeforeTheLastEpochAndReachesTheBand() {
        Optional<Path> data = Dataset.locate(null, System.getenv(Dataset.ENV));
        boolean present = data.isPresent() && Dataset.isDataDirectory(data.get());
        String skipped = "real-data test SKIPPED: no MNIST-format data in "
                + data.orElse(Dataset.SYSTEM_FOLDER) + ". " + Dataset.howToGetData();
        if (!present) {
            System.out.println(skipped);
        }
        assumeTrue(present, skipped);
        long[] seeds = Arrays.stream(System.getProperty("lanes.realData.seeds", "1").split(","))
                .mapToLong(Long::parseLong).toArray();
        for (long seed : seeds) {
            long start = System.nanoTime();
            MainTest.Result r = MainTest.run("train", "--optimizer", "adam", "--lr", "0.001", "--validation", "0.1",
                    "--early-stopping", "3", "--epochs", "50", "--seed", Long.toString(seed), "--data",
                    data.get().toString(), "--out", dir.resolve("adam" + seed + ".bin").toString());
            assertEquals(0, r.status(), r.err() + r.out());
            Matcher stop = Pattern.compile("early stopping: stopped after epoch (\\d+), .*; restored epoch (\\d+)")
                    .matcher(r.out());
            assertTrue(stop.find(), r.out());
            int stopped = Integer.parseInt(stop.group(1));
            int restored = Integer.parseInt(stop.group(2));
            Matcher fin = Pattern.compile("final: train accuracy \\d\\.\\d+, test accuracy (\\d\\.\\d+)").matcher(r.out());
            assertTrue(fin.find(), r.out());
            double accuracy = Double.parseDouble(fin.group(1));
            System.out.printf(Locale.ROOT, "real-data: adam seed %d: stopped after epoch %d, restored epoch %d, test "
                    + "accuracy %.4f, %.1f s%n", seed, stopped, restored, accuracy, (System.nanoTime() - start) / 1e9);
            assertTrue(stopped < 50 && restored == stopped - 3, r.out());
            assertTrue(accuracy >= BAND, String.format(Locale.ROOT, "seed %d: test accuracy %.4f is below %.3f%n%s",
                    seed, accuracy, BAND, r.out()));
        }
    }
}
