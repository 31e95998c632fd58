package dev.ibu.adapters.oadp.archfixture;

import dev.ibu.ports.testkit.TestWorld;

/** Test-only, deliberately bad: an adapter's main code must not use the in-memory test kit. */
public final class OadpUsesTestKit {
    public TestWorld world;
}
