package dev.lanes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;

/**
 * The {@code lanes} command line: {@code train}, {@code evaluate} and {@code predict}. Exit status 0 on success,
 * 1 when the work failed (missing data, a corrupt file, a diverging run), 2 for a command line that cannot be run.
 */
public final class Main {
    static final String USAGE = """
            usage: lanes train [options]                      train a network, write the model and an SVG chart
                   lanes evaluate --model FILE [--data DIR | --test FILE.csv --label-column N] [--header]
                                  [--delimiter C] [--json]
                                                              accuracy, confusion matrix, per-class precision,
                                                              recall and F1 of a saved model
                   lanes predict --model FILE [--header] [--label-column N] [--delimiter C] [--probabilities]
                                 [FILE...]                    class of each IDX image or CSV row (no FILE: CSV on
                                                              stdin), with each class's probability if asked
                   lanes --help

            train options (defaults reproduce the reference two-layer network):
              --layers 784,50,10        layer sizes: inputs, hidden..., classes
              --activation relu         %s
              --init gaussian:0.01      gaussian[:std] | lecun | xavier | he (CSV data: he for relu, else xavier)
              --optimizer sgd           sgd | momentum[:0.9] | nesterov[:0.9]
              --lr 0.1                  learning rate
              --batch 100               mini-batch size
              --iterations 10000        training steps (or --epochs N: passes over the training set)
              --dtype float             float | double
              --seed 1                  seed for initial weights and batch order
              --threads N               threads for large matrix products (default: all processors)
              --standardize             scale each input feature to mean 0, variance 1 (recorded in the model, which
                                        evaluate and predict apply)
              --out lanes-model.bin     model file; the learning-curve chart goes next to it as .svg
              --data DIR                MNIST-format data (default: $LANES_DATA, then the dataset-fashion-mnist package)
              --train FILE.csv          CSV data instead: one example per line, numeric features and a label column
              --test FILE.csv           CSV test set, laid out like --train (optional)
              --label-column N          the column (counted from 0) holding the class: whole numbers 0..classes-1,
                                        or names, which become classes in sorted order and are saved in the model
              --header                  the first line of each CSV file names the columns
              --delimiter C             CSV field separator (default ,; tab for a tab); "quoted" fields may not
                                        span lines
              --json                    stdout: one JSON object per epoch, then a final one; other lines to stderr
                                        (NaN or infinite values are null)
            """.formatted(TrainOptions.activations(" | "));

    private Main() {}

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.console() != null));
    }

    /** Runs one command; {@code terminal} says whether live progress may redraw a line. Returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        try {
            String command = args.length == 0 ? "" : args[0];
            switch (command) {
                case "train" -> TrainCommand.run(args, out, err, terminal);
                case "evaluate" -> EvaluateCommand.run(args, out, err);
                case "predict" -> PredictCommand.run(args, in, out);
                case "--help", "-h", "help" -> out.print(USAGE);
                case "" -> throw new UsageException("lanes: no command given");
                default -> throw new UsageException("lanes: unknown command '" + command + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println();
            err.print(USAGE);
            return 2;
        } catch (CommandException | IOException | ArithmeticException | IllegalArgumentException
                 | IllegalStateException e) {
            err.println("lanes: " + describe(e));
            return 1;
        }
    }

    private static String describe(Exception e) {
        // A bare NoSuchFileException's message is only the path.
        if (e instanceof NoSuchFileException missing && missing.getReason() == null) {
            return "no such file: " + missing.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
