package dev.lanes.cli;

/** The version of Lanes that is running, as a model file records it. */
final class LanesVersion {
    private LanesVersion() {}

    /** The jar's Implementation-Version, else the module's version, else empty (running from class folders). */
    static String get() {
        String version = Main.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        return Main.class.getModule().getDescriptor() != null
                ? Main.class.getModule().getDescriptor().rawVersion().orElse("") : "";
    }
}
