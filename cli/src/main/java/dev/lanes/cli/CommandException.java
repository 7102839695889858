package dev.lanes.cli;

/** A command that could not do its job for a reason the user can fix; {@link Main} prints the message and exits with 1. */
final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    CommandException(String message) {
        super(message);
    }
}
