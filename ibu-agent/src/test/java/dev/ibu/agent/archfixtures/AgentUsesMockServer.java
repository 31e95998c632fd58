package dev.ibu.agent.archfixtures;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** Test-only, deliberately bad: the node agent must not ship fabric8's mock API server. */
public final class AgentUsesMockServer {
    public KubernetesMockServer server;
}
