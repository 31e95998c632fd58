package dev.ibu.adapters.oadp.archfixture;

import dev.ibu.agent.archfixtures.AgentPlain;

/** Test-only, deliberately bad: adapters never depend on the agent. */
public final class OadpUsesAgent {
    public AgentPlain agent;
}
