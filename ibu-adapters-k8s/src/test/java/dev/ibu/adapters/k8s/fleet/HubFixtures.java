package dev.ibu.adapters.k8s.fleet;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;

import java.nio.file.Path;

/** The hub's deploy files and the ACM CRDs a strict local hub needs (read where they live). */
final class HubFixtures {
    static final Path HUB = Path.of("../ibu-agent/deploy/hub");
    static final Path IBGU_CRD = HUB.resolve("crd/imagebasedgroupupgrades.yaml");
    /** Minimal ACM CRDs for a hub without ACM: the rehearsal's (local --fleet), read where they live. */
    static final Path OCM_CRDS = Path.of("../ibu-agent/ibu-rehearsal/src/main/resources/dev/ibu/rehearsal/fleet/ocm-crds.yaml");
    static final Path CODEC_SAMPLES = Path.of("../ibu-domain/ibu-codec/src/test/resources/fleet");
    static final String HUB_NAMESPACE = "ibu-hub";
    static final Identity HUB_CONTROLLER = Identity.serviceAccount(HUB_NAMESPACE, "ibu-hub-controller");

    private HubFixtures() {
    }

    /** A strict hub: the IBGU CRD, ManagedCluster and ManifestWork CRDs, and the hub controller's RBAC. */
    static ApiServer hub() {
        ApiServer server = ApiServer.builder().start();
        server.apply(OCM_CRDS, "default");
        server.apply(IBGU_CRD, "default");
        for (String f : new String[] {"namespace.yaml", "service-account.yaml", "cluster-role.yaml",
                "cluster-role-binding.yaml"}) {
            server.apply(HUB.resolve(f), HUB_NAMESPACE);
        }
        return server;
    }
}
