package org.seedplan.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest (set by Maven), or says it is a development build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"seedplan " + (v == null ? "development build" : v)};
    }
}
