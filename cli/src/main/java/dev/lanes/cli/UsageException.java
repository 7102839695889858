package dev.lanes.cli;

/** A command line that cannot be run as written; {@link Main} prints the message and the usage, and exits with 2. */
class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
