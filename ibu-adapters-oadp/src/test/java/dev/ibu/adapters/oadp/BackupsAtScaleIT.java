package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.strict.RequestCounter;
import dev.ibu.adapters.oadp.strict.StrictOadp;
import dev.ibu.adapters.oadp.velero.ObjectStore;
import dev.ibu.adapters.oadp.velero.TestVelero;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 Backups in 10 apply waves (issue 16) on the strict API server as the agent's ServiceAccount, counting the
 * requests of every pass (not time): whatever the wave, a pass lists a bounded number of times and reads no Backup one
 * by one: the watch's cache answers for the Backups it holds; for those it does not hold (a wave about to be created)
 * one GET, then one list for the rest, where a GET per Backup (twice: the stale check, then the create) went before:
 * 100 GETs in the pass that starts a wave of 50.
 */
class BackupsAtScaleIT {
    static final int BACKUPS = 500;
    static final int WAVES = 10;
    /** Lists a pass may send besides the informers' own: the storage locations, the LVMS volumes, the Backups. */
    static final int LISTS_PER_PASS = 3;

    private StrictOadp cluster;
    private TestVelero velero;
    private OadpBackupAdapter adapter;

    @BeforeEach
    void start() {
        cluster = new StrictOadp();
        cluster.apply("apiVersion: oadp.openshift.io/v1alpha1\nkind: DataProtectionApplication\nmetadata:\n"
                + "  name: dpa\n  namespace: openshift-adp\nspec:\n  backupLocations:\n  - velero:\n"
                + "      provider: aws\n      default: true\n");
        velero = new TestVelero(cluster.admin, new ObjectStore());
        velero.tick();  // the DPA reconciled and its location Available, as the health check requires
        adapter = new OadpBackupAdapter(cluster.agent, Instant::now);
    }

    @AfterEach
    void stop() {
        adapter.close();
        velero.close();
        cluster.close();
    }

    @Test
    void every_pass_lists_a_bounded_number_of_times_and_reads_no_backup_one_by_one() {
        var refs = io.vavr.collection.List.of(content());
        BackupsAtScale.Run run = BackupsAtScale.drive(cluster, velero, adapter, refs);

        assertThat(run.last().isRight() && run.last().get() instanceof WorkProgress.Done).as("%s", run.last())
                .isTrue();
        assertThat(velero.log().stream().filter(l -> l.startsWith("backup-completed")).count()).isEqualTo(BACKUPS);
        for (int i = 0; i < run.perPass().size(); i++) {
            Map<String, Integer> p = run.perPass().get(i);
            // an informer that (re)starts lists once and then watches: those lists are the watch's, not the pass's
            int informerLists = p.getOrDefault("watch backups", 0) + p.getOrDefault("watch restores", 0);
            assertThat(RequestCounter.total(p, "list") - informerLists).as("pass %d: %s", i, p)
                    .isLessThanOrEqualTo(LISTS_PER_PASS);
            assertThat(p.getOrDefault("get backups", 0)).as("pass %d reads no Backup one by one: %s", i, p)
                    .isLessThanOrEqualTo(1);
            assertThat(p.getOrDefault("create backups", 0)).as("pass %d creates at most one wave", i)
                    .isLessThanOrEqualTo(BACKUPS / WAVES);
        }
        System.out.printf("figure: %d Backups in %d waves: %d passes, at most %d lists, %d Backup GETs and %d requests "
                + "per pass%n", BACKUPS, WAVES, run.perPass().size(), run.maxLists(), run.maxGets("backups"),
                run.maxRequests());
    }

    private ConfigMapRef content() {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < BACKUPS; i++) {
            docs.append("---\n").append(Docs.backup("app-" + i, String.valueOf(1 + i % WAVES)));
        }
        cluster.admin.configMaps().inNamespace("openshift-adp").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("oadp-cm").endMetadata().withData(Map.of("backups.yaml", docs.toString())).build())
                .create();
        return new ConfigMapRef("oadp-cm", "openshift-adp");
    }
}
