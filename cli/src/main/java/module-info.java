/** The {@code lanes} command line ({@code dev.lanes.cli.Main}): train, evaluate, predict, export and import. Exports nothing. */
module dev.lanes.cli {
    requires dev.lanes.network;
    // To quiet the kernel choice's log record, which train prints on stdout already.
    requires java.logging;
}
