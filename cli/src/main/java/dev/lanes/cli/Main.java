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
                   lanes evaluate --model FILE [--data DIR]   accuracy of a saved model on training and test sets
                   lanes predict --model FILE [FILE...]       class of each IDX image or CSV row (no FILE: CSV on stdin)
                   lanes --help

            train options (defaults reproduce the reference two-layer network):
              --layers 784,50,10        layer sizes: inputs, hidden..., classes
              --activation relu         %s
              --init gaussian:0.01      gaussian[:std] | lecun | xavier | he
              --optimizer sgd           sgd | momentum[:0.9] | nesterov[:0.9] | adam | adamw | rmsprop | adagrad
              --lr 0.1                  learning rate (adam and rmsprop want about 0.001)
              --lr-schedule constant    constant | step:EVERY:FACTOR (x FACTOR every EVERY epochs)
                                        | exp:GAMMA (x GAMMA per epoch, smoothly) | cosine (to 0 at the end)
              --weight-decay L          L2 weight decay (AdamW's decoupled decay with adamw, default 0.01 there)
              --dropout P               dropout of rate P after every hidden activation (none in the saved model)
              --validation F            hold out a share F of each class of the training set; the epoch lines
                                        then show validation loss and accuracy, and the test set is scored at
                                        the end (--test-every-epoch: every epoch too)
              --early-stopping N[:loss|:accuracy]
                                        stop after N epochs without a better validation score and keep the
                                        best epoch's parameters (needs --validation)
              --checkpoint-dir DIR      write DIR/checkpoint.bin after every epoch
              --resume                  continue the run that wrote DIR/checkpoint.bin (same options)
              --batch 100               mini-batch size
              --iterations 10000        training steps (or --epochs N: passes over the training set)
              --dtype float             float | double
              --seed 1                  seed for initial weights and batch order
              --threads N               threads for large matrix products (default: all processors)
              --standardize             scale each input feature to mean 0, variance 1 (folded into the saved model)
              --out lanes-model.bin     model file; the learning-curve chart goes next to it as .svg
              --data DIR                MNIST-format data (default: $LANES_DATA, then the dataset-fashion-mnist package)
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
                case "train" -> TrainCommand.run(args, out, terminal);
                case "evaluate" -> EvaluateCommand.run(args, out);
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
