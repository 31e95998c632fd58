package dev.ibu.agent.archfixtures;

import dev.ibu.rehearsal.archfixture.RehearsalPlain;

/** Test-only, deliberately bad: the node agent must not use the rehearsal. */
public final class AgentUsesRehearsal {
    public RehearsalPlain rehearsal;
}
