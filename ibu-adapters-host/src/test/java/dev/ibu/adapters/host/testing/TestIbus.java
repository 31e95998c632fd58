package dev.ibu.adapters.host.testing;

import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ConfigMapRef;
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

/** A fully populated IBU (annotations, refs, conditions with quotes and newlines, history) for tests. */
public final class TestIbus {

    private TestIbus() {
    }

    public static ImageBasedUpgrade sample() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        Metadata meta = new Metadata("upgrade", 3, "12345",
            LinkedHashMap.of("auto-rollback-on-failure.lca.openshift.io/init-monitor", "Disabled"));
        Spec spec = new Spec(Stage.UPGRADE, new SeedImageRef("4.16.0", "quay.io/x/seed:4.16.0", Option.some("seed-ps")),
            List.of(new ConfigMapRef("oadp-cm", "openshift-adp")), List.empty(), Option.some(new AutoRollbackOnFailure(600)));
        Status status = new Status(3, Conditions.of(
            new Condition("Idle", ConditionStatus.FALSE, "InProgress", "In progress", 3, t),
            new Condition("UpgradeInProgress", ConditionStatus.TRUE, "InProgress", "Upgrade \"quoted\"\nline2", 3, t)),
            List.of(Stage.ROLLBACK), Option.some(t.plusSeconds(3600)),
            List.of(new StageHistory("Upgrade", Option.some(t), Option.none(),
                List.of(new PhaseHistory("PrePivot", Option.some(t), Option.some(t.plusSeconds(5)))))));
        return new ImageBasedUpgrade(meta, spec, status);
    }

}
