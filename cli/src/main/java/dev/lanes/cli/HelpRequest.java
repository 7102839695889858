package dev.lanes.cli;

/**
 * {@code --help} or {@code -h} among a command's arguments: {@link Main} prints that command's help to stdout and
 * exits 0. It is a {@link UsageException} so that it travels up through every command's existing {@code throws}.
 */
final class HelpRequest extends UsageException {
    private static final long serialVersionUID = 1L;

    private final String command;

    HelpRequest(String command) {
        super(command + ": help requested");
        this.command = command;
    }

    /** The command whose help was asked for. */
    String command() {
        return command;
    }
}
