package dev.lanes.cli;

import dev.lanes.network.train.EpochReport;
import dev.lanes.network.train.TrainingListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reports training as it goes: one line per epoch, and on a terminal a bar within the epoch that redraws itself
 * with a carriage return. Output to a file or CI gets only the epoch lines, so a log never fills with half-drawn bars.
 */
final class Progress implements TrainingListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean live;
    private final boolean json;
    private final boolean validation;
    private final boolean testEveryEpoch;
    private final List<SvgChart.Point> history = new ArrayList<>();
    private int iterationsPerEpoch;
    private long lastDraw;
    private int drawnWidth;
    private EpochReport last;
    private int barEpoch;
    private double lossSum;
    private int lossCount;

    /**
     * {@code live}: draw the in-epoch bar (only when the output is a terminal); {@code json}: write each epoch as a
     * JSON object on one line instead, and never a bar; {@code validation}: the epoch lines show the validation loss
     * and accuracy instead of the test accuracy, which they then show only with {@code testEveryEpoch}.
     */
    Progress(PrintStream out, boolean live, boolean json, boolean validation, boolean testEveryEpoch) {
        this.out = out;
        this.live = live && !json;
        this.json = json;
        this.validation = validation;
        this.testEveryEpoch = testEveryEpoch;
        this.lastDraw = System.nanoTime() - REDRAW_NANOS;
    }

    @Override
    public void onIteration(int iteration, int epoch, int iterationsPerEpoch, double loss) {
        this.iterationsPerEpoch = iterationsPerEpoch;
        if (epoch != barEpoch) {
            barEpoch = epoch;
            lossSum = 0;
            lossCount = 0;
        }
        // The bar shows the epoch's running mean: one batch's loss jumps around too much to read.
        lossSum += loss;
        lossCount++;
        long now = System.nanoTime();
        if (!live || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int done = Math.floorMod(iteration, iterationsPerEpoch) + 1;
        int filled = (int) ((long) BAR * done / iterationsPerEpoch);
        String line = String.format(Locale.ROOT, "epoch %3d [%s%s] %3d%%  loss %.4f", epoch,
                "#".repeat(filled), " ".repeat(BAR - filled), 100L * done / iterationsPerEpoch, lossSum / lossCount);
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
    }

    @Override
    public void onEpoch(EpochReport r) {
        if (live && drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
        if (json) {
            out.println(json(r));
            return;
        }
        // Scripts read these lines: they start with "epoch N" and end with "elapsed S s" in every form.
        String scores = !validation ? String.format(Locale.ROOT, "test acc %.4f", r.testAccuracy())
                : String.format(Locale.ROOT, "val loss %.4f  val acc %.4f", r.validationLoss(), r.validationAccuracy())
                + (testEveryEpoch ? String.format(Locale.ROOT, "  test acc %.4f", r.testAccuracy()) : "");
        out.println(String.format(Locale.ROOT,
                "epoch %3d  loss %.4f  train acc %.4f  %s  %,9.0f examples/s  elapsed %6.1f s",
                r.epoch(), r.loss(), r.trainAccuracy(), scores, r.examplesPerSecond(), r.elapsedSeconds()));
        out.flush();
        history.add(point(r, iterationsPerEpoch));
        last = r;
    }

    /** One epoch's report as a JSON object; a score that was not measured is null. */
    static String json(EpochReport r) {
        return Json.object().put("epoch", r.epoch()).put("iteration", r.iteration()).put("loss", r.loss())
                .put("train_accuracy", r.trainAccuracy()).put("validation_loss", r.validationLoss())
                .put("validation_accuracy", r.validationAccuracy()).put("test_accuracy", r.testAccuracy())
                .put("examples_per_second", r.examplesPerSecond()).put("elapsed_seconds", r.elapsedSeconds())
                .toString();
    }

    /** The chart's figures of {@code r}, placed at its fractional epoch when {@code perEpoch} is known (above 0). */
    static SvgChart.Point point(EpochReport r, int perEpoch) {
        double x = perEpoch > 0 ? (double) r.iteration() / perEpoch : r.epoch();
        return new SvgChart.Point(x, r.loss(), r.trainAccuracy(), r.testAccuracy(), r.validationLoss(),
                r.validationAccuracy());
    }

    /** The figures of every epoch so far, for the chart. */
    List<SvgChart.Point> history() {
        return history;
    }

    /** The last epoch's report, or null before the first epoch ends. */
    EpochReport last() {
        return last;
    }
}
