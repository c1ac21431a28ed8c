package dev.caravan.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest (set by the build), or "development". */
public final class VersionProvider implements IVersionProvider {
    public static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"caravan " + version(), "Apache Camel " + org.apache.camel.CamelContext.class.getPackage().getImplementationVersion(),
                "Java " + Runtime.version()};
    }
}
