package dev.lanes.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options and operands of one command: {@code --name value}, {@code --name=value}, and bare flags. Every option
 * must be one the command declares, so a typo is an error rather than a silently ignored setting. The conventions
 * every command shares live here, so a new command gets them by parsing with this class: {@code --help} and
 * {@code -h} ask for the command's help (see {@link HelpRequest}), and {@code --} ends the options, so that every
 * argument after it is an operand even when it starts with a dash.
 */
final class Args {
    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private final List<String> operands = new ArrayList<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * Parses {@code args} from index {@code from} for {@code command}; {@code valued} options take a value,
     * {@code flags} do not. Throws {@link HelpRequest} when the options (before any {@code --}) ask for help.
     */
    static Args parse(String command, String[] args, int from, Set<String> valued, Set<String> flags)
            throws UsageException {
        for (int i = from; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                throw new HelpRequest(command);
            }
            if (valued.contains(name(args[i])) && !args[i].contains("=") && i + 1 < args.length
                    && !args[i + 1].startsWith("--")) {
                i++;
            }
        }
        Args a = new Args(command);
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                a.operands.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (arg.length() > 1 && arg.charAt(0) == '-' && !arg.startsWith("--") && !Character.isDigit(arg.charAt(1))
                    && arg.charAt(1) != '.') {
                throw new UsageException(command + ": unknown option " + arg + " (options are spelled --name;"
                        + " put -- before an operand that starts with a dash)");
            }
            if (!arg.startsWith("--")) {
                a.operands.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = name(arg);
            if (flags.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException(command + ": --" + name + " takes no value");
                }
                a.values.put(name, "true");
            } else if (valued.contains(name)) {
                // an option where its value should be means the value was left out, not that it is "--batch"
                if (eq < 0 && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                    throw new UsageException(command + ": --" + name + " needs a value");
                }
                a.values.put(name, eq >= 0 ? arg.substring(eq + 1) : args[++i]);
            } else {
                throw new UsageException(command + ": unknown option --" + name);
            }
        }
        return a;
    }

    /** The option name of {@code --name} or {@code --name=value}; {@code ""} for anything else. */
    private static String name(String arg) {
        if (!arg.startsWith("--")) {
            return "";
        }
        int eq = arg.indexOf('=');
        return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    List<String> operands() {
        return operands;
    }

    int intValue(String name, int fallback, int min) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n < min) {
                throw new UsageException(command + ": --" + name + " must be at least " + min + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " wants a whole number, got '" + v + "'");
        }
    }

    long longValue(String name, long fallback) throws UsageException {
        String v = values.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " wants a whole number, got '" + v + "'");
        }
    }

    double positiveDouble(String name, double fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        return positive(command + ": --" + name, v);
    }

    /** Parses a number that must be finite and above zero; {@code what} names it in the message. */
    static double positive(String what, String v) throws UsageException {
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new UsageException(what + " must be a positive number, got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(what + " wants a number, got '" + v + "'");
        }
    }
}
