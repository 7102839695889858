package dev.lanes.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code lanes} command line: {@code train}, {@code evaluate}, {@code predict}, {@code export}, {@code import}
 * and {@code experiment}. Exit status 0 on success, 1 when the work failed (missing data, a corrupt file, a diverging
 * run), 2 for a command line that cannot be run.
 */
public final class Main {
    static final String USAGE = """
            usage: lanes train [options]                      train a network, write the model and an SVG chart
                   lanes evaluate --model FILE [--data DIR | --test FILE.csv]   accuracy, confusion matrix,
                                                              per-class precision, recall and F1 of a saved model
                   lanes predict --model FILE [INPUT...]      class (or --probabilities) of each IDX image or CSV
                                                              row (none: CSV on stdin)
                   lanes export --model FILE --format npz|safetensors --out FILE   parameters for numpy and other tools
                   lanes import --format npz|safetensors --in FILE --out MODEL    a model from such a file
                   lanes experiment NAME [--out DIR]          run an experiment: a table and SVG charts
                   lanes --help | --version

            lanes COMMAND --help prints the command's options.
            """;

    /** Printed after every help text: what all commands share. */
    static final String CONVENTIONS = """

            conventions:
              --name value and --name=value are the same; -- ends the options (later arguments are operands)
              -h, --help                print help to stdout and exit
            exit status: 0 done, 1 failed (missing data, a corrupt file, a diverging run), 2 usage error
            JVM options: LANES_JAVA_OPTS for ./lanes, e.g. LANES_JAVA_OPTS=-Xmx8g ./lanes train
            """;

    /**
     * The kernel choice's own INFO record would repeat on stderr what {@code train} prints as its {@code kernels:}
     * line; a strong reference keeps the level set (JUL holds loggers weakly).
     */
    private static final Logger KERNEL_LOG = Logger.getLogger("dev.lanes.numerics");

    private Main() {}

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the command and its options, as typed after {@code lanes}
     */
    public static void main(String[] args) {
        KERNEL_LOG.setLevel(Level.WARNING);
        System.exit(run(args, System.in, System.out, System.err, isTerminal(System.console())));
    }

    /** Runs one command; {@code terminal} says whether live progress may redraw a line. Returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        String command = args.length == 0 ? "" : args[0];
        try {
            switch (command) {
                case "train" -> TrainCommand.run(args, out, err, terminal);
                case "evaluate" -> EvaluateCommand.run(args, out, err);
                case "predict" -> PredictCommand.run(args, in, out);
                case "export" -> ExportCommand.run(args, out);
                case "import" -> ImportCommand.run(args, out);
                case "experiment" -> ExperimentCommand.run(args, out);
                case "--help", "-h", "help" -> {
                    String topic = args.length > 1 ? args[1] : "";
                    if (!topic.isEmpty() && help(topic) == null) {
                        throw new UsageException("lanes help: unknown command '" + topic + "'");
                    }
                    out.print(topic.isEmpty() ? USAGE + CONVENTIONS : help(topic));
                }
                case "--version" -> out.println("lanes " + version() + " (Java " + Runtime.version() + ")");
                case "" -> throw new UsageException("lanes: no command given");
                default -> throw new UsageException(command.startsWith("-")
                        ? "lanes: unknown option " + command + " (give a command first)"
                        : "lanes: unknown command '" + command + "'");
            }
            return 0;
        } catch (HelpRequest h) {
            out.print(help(h.command()));
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage());
            String help = help(command);
            if (help == null) {
                err.print(USAGE);
            } else {
                err.println(help.substring(0, help.indexOf('\n')));
                err.println("lanes " + command + " --help prints the options");
            }
            return 2;
        } catch (CommandException | IOException | ArithmeticException | IllegalArgumentException
                 | IllegalStateException e) {
            err.println("lanes: " + describe(e));
            return 1;
        }
    }

    /** A command's help with the shared conventions, or {@code null} for a name that is not a command. */
    static String help(String command) {
        String own = switch (command) {
            case "train" -> TrainOptions.HELP;
            case "evaluate" -> EvaluateCommand.HELP;
            case "predict" -> PredictCommand.HELP;
            case "export" -> ExportCommand.HELP;
            case "import" -> ImportCommand.HELP;
            case "experiment" -> ExperimentCommand.usage();
            default -> null;
        };
        return own == null ? null : own + CONVENTIONS;
    }

    /** The project version, from the resource Maven filters at build time. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("lanes.properties")) {
            if (in == null) {
                throw new IllegalStateException("the build left out dev/lanes/cli/lanes.properties");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the output is a terminal. {@code System.console()} alone is not enough: on JDK 22 to 24 it is
     * non-null with redirected output too (JDK-8309155), and {@code Console.isTerminal()} (JDK 22) says which; it
     * is called reflectively because the bytecode is Java 17, where a non-null console already means a terminal.
     */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
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
