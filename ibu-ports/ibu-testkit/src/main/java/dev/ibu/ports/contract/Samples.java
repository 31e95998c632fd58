package dev.ibu.ports.contract;

import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.PhaseHistory;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageHistory;
import dev.ibu.domain.Status;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Map;

/**
 * Values the contract tests share. Times are whole seconds, because that is what Kubernetes stores
 * ({@code metav1.Time}); a port that keeps more is fine, one that keeps less is not.
 */
public final class Samples {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final String NAMESPACE = "openshift-adp";

    private Samples() {
    }

    /** An IBU mid-upgrade: spec with seed, ConfigMaps and auto-rollback; conditions, history, annotations. */
    public static ImageBasedUpgrade upgradingIbu() {
        Spec spec = new Spec(Stage.UPGRADE, new SeedImageRef("4.15.2", "quay.io/openshift-kni/seed:4.15.2",
                Option.some("seed-pull-secret")), List.of(new ConfigMapRef("oadp-cm", NAMESPACE)),
                List.of(new ConfigMapRef("extra-cm", "openshift-lifecycle-agent")),
                Option.some(new AutoRollbackOnFailure(600)));
        Conditions conditions = Conditions.EMPTY
                .set("Idle", ConditionStatus.FALSE, "InProgress", "In progress", 2, T0)
                .set("PrepInProgress", ConditionStatus.FALSE, "Completed", "Prep completed", 2, T0.plusSeconds(60))
                .set("PrepCompleted", ConditionStatus.TRUE, "Completed", "Prep stage completed successfully", 2,
                        T0.plusSeconds(60))
                .set("UpgradeInProgress", ConditionStatus.TRUE, "InProgress", "In progress", 3, T0.plusSeconds(120));
        List<StageHistory> history = List.of(
                new StageHistory("Prep", Option.some(T0), Option.some(T0.plusSeconds(60)), List.of(
                        new PhaseHistory("Stateroot", Option.some(T0), Option.some(T0.plusSeconds(30))),
                        new PhaseHistory("Precache", Option.some(T0.plusSeconds(30)),
                                Option.some(T0.plusSeconds(60))))),
                new StageHistory("Upgrade", Option.some(T0.plusSeconds(120)), Option.none(), List.of(
                        new PhaseHistory("PrePivot", Option.some(T0.plusSeconds(120)), Option.none()))));
        Status status = new Status(3, conditions, List.of(Stage.ROLLBACK), Option.some(T0.plusSeconds(86400)),
                history);
        Metadata metadata = new Metadata(Metadata.SINGLETON_NAME, 3, "", LinkedHashMap.of(
                "lca.openshift.io/target-ocp-version-manifest-count", "2"));
        return new ImageBasedUpgrade(metadata, spec, status);
    }

    /** One Backup and its Restore, in apply wave 1, as one ConfigMap with a key per object. */
    public static Map<String, String> pairedOadpContent(String backup, String restore) {
        return Map.of(
                "backup.yaml", backupYaml(backup, "1"),
                "restore.yaml", restoreYaml(restore, backup, "1"));
    }

    public static String backupYaml(String name, String wave) {
        return "apiVersion: velero.io/v1\n"
                + "kind: Backup\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "  namespace: " + NAMESPACE + "\n"
                + "  annotations:\n"
                + "    lca.openshift.io/apply-wave: \"" + wave + "\"\n"
                + "spec:\n"
                + "  includedNamespaces:\n"
                + "  - apps\n";
    }

    public static String restoreYaml(String name, String backup, String wave) {
        return "apiVersion: velero.io/v1\n"
                + "kind: Restore\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "  namespace: " + NAMESPACE + "\n"
                + "  annotations:\n"
                + "    lca.openshift.io/apply-wave: \"" + wave + "\"\n"
                + "spec:\n"
                + "  backupName: " + backup + "\n";
    }

    public static String configMapYaml(String name, String namespace, String wave) {
        return "apiVersion: v1\n"
                + "kind: ConfigMap\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "  namespace: " + namespace + "\n"
                + (wave.isEmpty() ? "" : "  annotations:\n    lca.openshift.io/apply-wave: \"" + wave + "\"\n")
                + "data:\n"
                + "  key: value\n";
    }

    public static String machineConfigYaml(String name) {
        return "apiVersion: machineconfiguration.openshift.io/v1\n"
                + "kind: MachineConfig\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "spec:\n"
                + "  config: {}\n";
    }
}
