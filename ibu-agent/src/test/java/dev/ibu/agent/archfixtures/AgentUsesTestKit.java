package dev.ibu.agent.archfixtures;

import dev.ibu.ports.contract.Samples;

/** Test-only, deliberately bad: the node agent must not use the test kit (here its contract tests' samples). */
public final class AgentUsesTestKit {
    public Samples samples;
}
