package dev.ibu.ports.archfixture;

/** Test-only clean ports class. */
public final class PortsPlain {
}
