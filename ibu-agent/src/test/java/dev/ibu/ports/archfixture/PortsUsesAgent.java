package dev.ibu.ports.archfixture;

import dev.ibu.agent.archfixtures.AgentPlain;

/** Test-only, deliberately bad: nothing but the agent depends on the agent. */
public final class PortsUsesAgent {
    public AgentPlain agent;
}
