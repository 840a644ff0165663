package io.cpra.core;

import io.helidon.common.Version;

/**
 * The version of cpra and of what it runs on, for {@code cpra version} and the start line.
 */
final class VersionInfo {

    private VersionInfo() {
    }

    /** cpra's own version, from its module descriptor (or jar manifest on the class path). */
    static String cpra() {
        return VersionInfo.class.getModule().getDescriptor() != null
                && VersionInfo.class.getModule().getDescriptor().version().isPresent()
                ? VersionInfo.class.getModule().getDescriptor().version().get().toString()
                : String.valueOf(VersionInfo.class.getPackage().getImplementationVersion());
    }

    /** One line: cpra, Java and Helidon versions. */
    static String line() {
        return "cpra " + cpra() + " (Java " + Runtime.version() + ", Helidon " + Version.VERSION + ")";
    }
}
