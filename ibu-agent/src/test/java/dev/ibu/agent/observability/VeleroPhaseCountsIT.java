package dev.ibu.agent.observability;

import dev.ibu.adapters.oadp.VeleroKinds;
import dev.ibu.agent.StrictCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VeleroPhaseCountsIT {
    @Test
    void counts_backups_and_restores_in_the_oadp_namespace_by_phase() {
        try (StrictCluster api = StrictCluster.start(getClass())) {
            api.admin().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName("other").endMetadata().build()).create();
            create(api, "Backup", "b1", "openshift-adp", "Completed");
            create(api, "Backup", "b2", "openshift-adp", "Completed");
            create(api, "Backup", "b3", "openshift-adp", null);
            create(api, "Backup", "elsewhere", "other", "Failed");
            create(api, "Restore", "r1", "openshift-adp", "PartiallyFailed");

            VeleroPhaseCounts counts = new VeleroPhaseCounts(api.agent());

            assertThat(counts.backups()).isEqualTo(Map.of("Completed", 2, "New", 1));
            assertThat(counts.restores()).isEqualTo(Map.of("PartiallyFailed", 1));
        }
    }

    private static void create(StrictCluster api, String kind, String name, String ns, String phase) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion("velero.io/v1")
                .withKind(kind).withNewMetadata().withName(name).withNamespace(ns).endMetadata().build();
        if (phase != null) {
            r.setAdditionalProperty("status", Map.of("phase", phase));
        }
        api.admin().genericKubernetesResources("Backup".equals(kind) ? VeleroKinds.BACKUP : VeleroKinds.RESTORE)
                .inNamespace(ns).resource(r).create();
    }
}
