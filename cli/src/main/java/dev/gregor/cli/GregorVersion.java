package dev.gregor.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code gregor --version}: the version the jar was built as. */
final class GregorVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = GregorVersion.class.getPackage().getImplementationVersion();
        return new String[] {"gregor " + (version == null ? "(development build)" : version)};
    }
}
