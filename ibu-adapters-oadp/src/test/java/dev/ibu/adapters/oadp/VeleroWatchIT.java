package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.strict.RequestCounter;
import dev.ibu.adapters.oadp.strict.StrictOadp;
import dev.ibu.apiserver.Identity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch behind the Backup and Restore phases, on the strict API server: a watch that cannot start (RBAC without
 * {@code list}/{@code watch}, as upstream's own RBAC lacked before its watch) leaves every answer to the API server
 * and is started again at the next question, and serves from memory once it can.
 */
class VeleroWatchIT {
    private static final String ROLE = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: velero-reader
            rules:
            - apiGroups: ["velero.io"]
              resources: ["backups", "restores"]
              verbs: %s
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: velero-reader
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: velero-reader}
            subjects:
            - {kind: User, name: reader, apiGroup: rbac.authorization.k8s.io}
            """;

    @Test
    void a_watch_that_cannot_start_is_started_again_and_serves_once_it_can() {
        try (StrictOadp cluster = new StrictOadp()) {
            cluster.apply(ROLE.formatted("[\"get\"]"));
            cluster.apply("apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: b1\n  namespace: openshift-adp\n"
                    + "status:\n  phase: InProgress\n");
            try (KubernetesClient reader = cluster.api.clientAs(Identity.user("reader"));
                 VeleroWatch watch = new VeleroWatch(reader, OadpNames.OADP_NAMESPACE, Duration.ofMillis(100))) {
                VeleroLookup lookup = new VeleroLookup(new OadpCluster(reader), watch);

                assertThat(watch.cached(VeleroKinds.BACKUP, "openshift-adp", "b1")).as("not started yet").isEmpty();
                assertThat(lookup.find(VeleroKinds.BACKUP, "openshift-adp", "b1").get()).as("from a GET").isPresent();
                assertThat(eventually(() -> {
                    watch.cached(VeleroKinds.BACKUP, "openshift-adp", "b1");
                    return watch.starts() >= 2;
                })).as("the stopped watch is started again at a later question").isTrue();

                cluster.apply(ROLE.formatted("[\"get\", \"list\", \"watch\"]"));
                assertThat(eventually(() -> watch.cached(VeleroKinds.BACKUP, "openshift-adp", "b1").isPresent()))
                        .as("served from the watch once RBAC allows it").isTrue();
                int starts = watch.starts();

                cluster.admin.genericKubernetesResources(VeleroKinds.BACKUP).inNamespace("openshift-adp")
                        .withName("b1").edit(b -> {
                            b.setAdditionalProperty("status", java.util.Map.of("phase", "Completed"));
                            return b;
                        });
                assertThat(eventually(() -> watch.cached(VeleroKinds.BACKUP, "openshift-adp", "b1")
                        .map(VeleroResources::phase).filter("Completed"::equals).isPresent())).isTrue();
                assertThat(watch.starts()).as("a running watch is kept").isEqualTo(starts);
                Optional<GenericKubernetesResource> other = watch.cached(VeleroKinds.BACKUP, "elsewhere", "b1");
                assertThat(other).as("other namespaces are left to the API server").isEmpty();
            }
        }
    }

    @Test
    void a_watch_that_cannot_start_is_not_started_again_at_every_question() {
        try (StrictOadp cluster = new StrictOadp()) {
            cluster.apply(ROLE.formatted("[\"get\"]"));
            RequestCounter requests = new RequestCounter();
            try (KubernetesClient reader = StrictOadp.counted(cluster.api.clientAs(Identity.user("reader")), requests);
                 VeleroWatch watch = new VeleroWatch(reader, OadpNames.OADP_NAMESPACE, Duration.ofHours(1))) {
                for (int i = 0; i < 40; i++) {
                    assertThat(watch.cached(VeleroKinds.BACKUP, "openshift-adp", "b" + i)).isEmpty();
                    sleep(25);
                }

                assertThat(requests.snapshot()).containsEntry("list backups", 1);
                assertThat(watch.starts()).isEqualTo(1);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asks until true, a bounded number of times (not a timing assertion). */
    private static boolean eventually(BooleanSupplier condition) {
        for (int i = 0; i < 400; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
