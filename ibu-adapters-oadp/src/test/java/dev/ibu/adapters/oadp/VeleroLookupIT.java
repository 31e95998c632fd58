package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.strict.StrictOadp;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch cache behind the API server must not take a pass back in time: Done, then Waiting (seen once in CI as the
 * BackupPort contract's {@code backups_run_to_done} failing: a GET read Completed, the next look read the cache's
 * older InProgress copy). The cache here is held back by hand, as a slow watch holds it back.
 */
class VeleroLookupIT {
    private static final String NS = OadpNames.OADP_NAMESPACE;

    @Test
    void a_finished_phase_read_from_the_api_server_is_not_taken_back_by_an_older_cache_copy() {
        try (StrictOadp cluster = new StrictOadp()) {
            cluster.apply("apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: b1\n  namespace: " + NS
                    + "\nstatus:\n  phase: Completed\n");
            AtomicReference<GenericKubernetesResource> cache = new AtomicReference<>();
            VeleroLookup lookup = new VeleroLookup(new OadpCluster(cluster.admin),
                    (kind, ns, name) -> Optional.ofNullable(cache.get()));

            GenericKubernetesResource live = lookup.find(VeleroKinds.BACKUP, NS, "b1").get().orElseThrow();
            assertThat(VeleroResources.phase(live)).as("not cached yet: from a GET").isEqualTo("Completed");

            cache.set(withPhase(live, live.getMetadata().getUid(), "InProgress"));
            assertThat(VeleroResources.phase(lookup.find(VeleroKinds.BACKUP, NS, "b1").get().orElseThrow()))
                    .as("the cache's older copy of the same object does not win").isEqualTo("Completed");

            cache.set(withPhase(live, "another-uid", "InProgress"));
            assertThat(VeleroResources.phase(lookup.find(VeleroKinds.BACKUP, NS, "b1").get().orElseThrow()))
                    .as("a new object of that name (deleted, created again) is answered as the cache has it")
                    .isEqualTo("InProgress");
        }
    }

    @Test
    void a_cache_copy_that_moved_on_answers() {
        try (StrictOadp cluster = new StrictOadp()) {
            cluster.apply("apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: b1\n  namespace: " + NS
                    + "\nstatus:\n  phase: InProgress\n");
            AtomicReference<GenericKubernetesResource> cache = new AtomicReference<>();
            VeleroLookup lookup = new VeleroLookup(new OadpCluster(cluster.admin),
                    (kind, ns, name) -> Optional.ofNullable(cache.get()));
            GenericKubernetesResource live = lookup.find(VeleroKinds.BACKUP, NS, "b1").get().orElseThrow();

            cache.set(withPhase(live, live.getMetadata().getUid(), "Failed"));

            assertThat(VeleroResources.phase(lookup.find(VeleroKinds.BACKUP, NS, "b1").get().orElseThrow()))
                    .isEqualTo("Failed");
        }
    }

    private static GenericKubernetesResource withPhase(GenericKubernetesResource r, String uid, String phase) {
        GenericKubernetesResource copy = new GenericKubernetesResourceBuilder().withApiVersion(r.getApiVersion())
                .withKind(r.getKind()).withNewMetadataLike(r.getMetadata()).withUid(uid).endMetadata().build();
        copy.setAdditionalProperty("status", Map.of("phase", phase));
        return copy;
    }
}
