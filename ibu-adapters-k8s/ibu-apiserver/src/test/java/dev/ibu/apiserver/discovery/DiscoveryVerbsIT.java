package dev.ibu.apiserver.discovery;

import dev.ibu.apiserver.ApiServer;
import dev.ibu.apiserver.Identity;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery advertises the verbs a kind really serves: a client that lists every listable kind must not meet 405. */
class DiscoveryVerbsIT {
    @Test
    void self_subject_access_reviews_are_create_only_and_stored_kinds_have_every_verb() {
        try (ApiServer server = ApiServer.builder().start(); KubernetesClient admin = server.clientAs(Identity.admin())) {
            APIResource ssar = admin.getApiResources("authorization.k8s.io/v1").getResources().stream()
                    .filter(r -> r.getName().equals("selfsubjectaccessreviews")).findFirst().orElseThrow();
            APIResource configMaps = admin.getApiResources("v1").getResources().stream()
                    .filter(r -> r.getName().equals("configmaps")).findFirst().orElseThrow();

            assertThat(ssar.getVerbs()).containsExactly("create");
            assertThat(configMaps.getVerbs()).contains("create", "get", "list", "watch", "patch", "update", "delete");
        }
    }
}
