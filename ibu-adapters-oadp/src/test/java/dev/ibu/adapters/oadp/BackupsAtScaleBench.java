package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.strict.StrictOadp;
import dev.ibu.adapters.oadp.velero.ObjectStore;
import dev.ibu.adapters.oadp.velero.TestVelero;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark of OADP at scale (issue 16; run by {@code .ci/bench.d/40-scale.sh} from {@code ibu-adapters-oadp},
 * never by the test suite): 500 Backups in 10 waves as {@link BackupsAtScaleIT} drives them, counting requests per
 * pass (they do not move with the machine's load). Prints one tab-separated summary row.
 */
public final class BackupsAtScaleBench {
    private BackupsAtScaleBench() {
    }

    public static void main(String[] args) {
        try (StrictOadp cluster = new StrictOadp()) {
            cluster.apply("apiVersion: oadp.openshift.io/v1alpha1\nkind: DataProtectionApplication\nmetadata:\n"
                    + "  name: dpa\n  namespace: openshift-adp\nspec:\n  backupLocations:\n  - velero:\n"
                    + "      provider: aws\n      default: true\n");
            try (TestVelero velero = new TestVelero(cluster.admin, new ObjectStore());
                 OadpBackupAdapter adapter = new OadpBackupAdapter(cluster.agent, Instant::now)) {
                velero.tick();
                StringBuilder docs = new StringBuilder();
                for (int i = 0; i < BackupsAtScaleIT.BACKUPS; i++) {
                    docs.append("---\n").append(Docs.backup("app-" + i, String.valueOf(1 + i % BackupsAtScaleIT.WAVES)));
                }
                cluster.admin.configMaps().inNamespace("openshift-adp").resource(new ConfigMapBuilder()
                        .withNewMetadata().withName("oadp-cm").endMetadata()
                        .withData(Map.of("backups.yaml", docs.toString())).build()).create();
                BackupsAtScale.Run run = BackupsAtScale.drive(cluster, velero, adapter,
                        io.vavr.collection.List.of(new ConfigMapRef("oadp-cm", "openshift-adp")));
                boolean done = run.last().isRight() && run.last().get() instanceof WorkProgress.Done;
                boolean met = done && run.maxLists() <= BackupsAtScaleIT.LISTS_PER_PASS && run.maxGets("backups") <= 1;
                System.out.printf(Locale.ROOT, "OADP: list calls per pass, %d Backups in %d waves (strict server)\t"
                        + "before: a GET per Backup, twice (100 GETs in the pass starting a wave of 50)\t"
                        + "max %d lists + %d Backup GET per pass (%d passes, max %d requests a pass)%s\t"
                        + "bounded lists, no per-object GETs\t%s%n", BackupsAtScaleIT.BACKUPS, BackupsAtScaleIT.WAVES,
                        run.maxLists(), run.maxGets("backups"), run.perPass().size(), run.maxRequests(),
                        done ? "" : " NOT DONE: " + run.last(), met ? "met" : "not met");
            }
        }
    }
}
