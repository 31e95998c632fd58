package dev.ibu.apiserver;

import java.nio.file.Path;
import java.util.List;

/** The product's deploy files, read where they live (this module never depends on the agent's code). */
public final class Fixtures {
    public static final Path DEPLOY = Path.of("../../ibu-agent/deploy");
    public static final Path IBU_CRD = DEPLOY.resolve("crd/imagebasedupgrades.yaml");
    public static final Path UPSTREAM_CRD = Path.of("/work/shared/spec/upstream/lca.openshift.io_imagebasedupgrades.yaml");
    public static final String AGENT_NAMESPACE = "openshift-lifecycle-agent";
    public static final List<String> RBAC = List.of("service-account.yaml", "role.yaml", "cluster-role.yaml",
            "role-binding.yaml", "cluster-role-binding.yaml");

    private Fixtures() {
    }

    /** A frozen copy of the agent's RBAC (src/test/resources/agent-rbac): these tests prove the engine, not the rules. */
    public static final Path AGENT_RBAC = Path.of("src/test/resources/agent-rbac");

    /** A server with the IBU CRD and the frozen agent RBAC. */
    public static ApiServer serverWithAgentRbac() {
        ApiServer server = ApiServer.builder().start();
        server.apply(IBU_CRD, "default");
        for (String file : RBAC) {
            server.apply(AGENT_RBAC.resolve(file), AGENT_NAMESPACE);
        }
        return server;
    }
}
