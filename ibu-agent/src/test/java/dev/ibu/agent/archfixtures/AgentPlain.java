package dev.ibu.agent.archfixtures;

/** Test-only stand-in for an agent class, the target of the "nothing but the agent depends on the agent" fixtures. */
public final class AgentPlain {
}
