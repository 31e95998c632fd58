package dev.ibu.adapters.host.archfixture;

/** Test-only clean host adapter class. */
public final class HostPlain {
}
