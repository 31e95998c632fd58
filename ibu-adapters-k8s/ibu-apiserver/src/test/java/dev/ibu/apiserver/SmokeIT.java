package dev.ibu.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.Test;

class SmokeIT {
    @Test
    void admin_creates_and_reads() {
        try (ApiServer server = Fixtures.serverWithAgentRbac(); KubernetesClient admin = server.clientAs(Identity.admin())) {
            admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata()
                    .addToData("a", "b").build()).create();
            assertThat(admin.configMaps().inNamespace("default").withName("x").get().getData()).containsEntry("a", "b");
            ResourceDefinitionContext ibu = new ResourceDefinitionContext.Builder().withGroup("lca.openshift.io").withVersion("v1")
                    .withPlural("imagebasedupgrades").withKind("ImageBasedUpgrade").withNamespaced(false).build();
            GenericKubernetesResource r = new GenericKubernetesResource();
            r.setApiVersion("lca.openshift.io/v1");
            r.setKind("ImageBasedUpgrade");
            r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("upgrade").build());
            r.setAdditionalProperty("spec", java.util.Map.of("stage", "Idle"));
            admin.genericKubernetesResources(ibu).resource(r).create();
            System.out.println(admin.genericKubernetesResources(ibu).withName("upgrade").get());
        }
    }
}
