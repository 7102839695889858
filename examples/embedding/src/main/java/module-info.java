/** The README's Java example, run on the module path as well as on the class path. */
module dev.lanes.examples.embedding {
    requires dev.lanes.network;
}
