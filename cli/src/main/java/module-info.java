/** The {@code lanes} command line ({@code dev.lanes.cli.Main}): train, evaluate and predict. Exports nothing. */
module dev.lanes.cli {
    requires dev.lanes.network;
}
