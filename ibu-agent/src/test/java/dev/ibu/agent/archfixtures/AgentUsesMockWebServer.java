package dev.ibu.agent.archfixtures;

import io.fabric8.mockwebserver.DefaultMockServer;

/** Test-only, deliberately bad: the node agent must not ship fabric8's mockwebserver. */
public final class AgentUsesMockWebServer {
    public DefaultMockServer server;
}
