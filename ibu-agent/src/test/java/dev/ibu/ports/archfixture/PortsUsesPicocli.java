package dev.ibu.ports.archfixture;

/** Test-only, deliberately bad: ports may use the JDK, vavr and slf4j-api only (no CLI, no fabric8, no Jackson). */
public final class PortsUsesPicocli {
    public picocli.CommandLine cli;
}
