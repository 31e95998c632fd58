package dev.ibu.domain;

import static dev.ibu.domain.ConditionStatus.FALSE;
import static dev.ibu.domain.ConditionStatus.TRUE;

import io.vavr.collection.List;

import java.time.Instant;

/**
 * Test fixtures: the situations of spec §3.5 written out literally (not built with the setters), and a one-line
 * rendering {@code Type Status Reason "message"} so condition order, status, reason and message are asserted together.
 */
final class Fx {
    static final Instant T0 = Instant.parse("2024-01-01T09:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final Stamp AT_T1 = new Stamp(2, T1);

    static final String PREP_OK = "Prep stage completed successfully";
    static final String UPGRADE_ERR = "Failed backup CRs: b1,b2";
    static final String AUTO_RB = "Rollback due to LCA Init Monitor timeout, after 30m0s";
    static final String RB_ERR = "failed to set default deployment";

    private Fx() {
    }

    static Condition c(String type, ConditionStatus status, String reason, String message) {
        return new Condition(type, status, reason, message, 1, T0);
    }

    static Conditions cs(Condition... c) {
        return Conditions.of(c);
    }

    static Conditions cs(List<Condition> c) {
        return new Conditions(c);
    }

    // The building blocks, named after the conditions they are.
    static final Condition IDLE_T = c("Idle", TRUE, "Idle", "Idle");
    static final Condition IDLE_F = c("Idle", FALSE, "InProgress", "In progress");
    static final Condition PREP_IP_T = c("PrepInProgress", TRUE, "InProgress", "In progress");
    static final Condition PREP_IP_DONE = c("PrepInProgress", FALSE, "Completed", "Prep completed");
    static final Condition PREP_C_T = c("PrepCompleted", TRUE, "Completed", PREP_OK);
    static final Condition PREP_C_F = c("PrepCompleted", FALSE, "Failed", "Prep failed");
    static final Condition PREP_IP_FAILED = c("PrepInProgress", FALSE, "Failed", "stateroot setup job failed to complete.");
    static final Condition UPG_IP_T = c("UpgradeInProgress", TRUE, "InProgress", "In progress");
    static final Condition UPG_IP_DONE = c("UpgradeInProgress", FALSE, "Completed", "Upgrade completed");
    static final Condition UPG_C_T = c("UpgradeCompleted", TRUE, "Completed", "Upgrade completed");
    static final Condition UPG_C_F = c("UpgradeCompleted", FALSE, "Failed", "Upgrade failed");
    static final Condition UPG_IP_FAILED = c("UpgradeInProgress", FALSE, "Failed", UPGRADE_ERR);
    static final Condition UPG_IP_AUTO_RB = c("UpgradeInProgress", FALSE, "Failed", AUTO_RB);
    static final Condition UPG_C_RB_REQ = c("UpgradeCompleted", FALSE, "Failed", "Rollback requested");
    static final Condition UPG_IP_RB_REQ = c("UpgradeInProgress", FALSE, "Failed", "Rollback requested");
    static final Condition RB_IP_T = c("RollbackInProgress", TRUE, "InProgress", "In progress");
    static final Condition RB_IP_DONE = c("RollbackInProgress", FALSE, "Completed", "Rollback completed");
    static final Condition RB_C_T = c("RollbackCompleted", TRUE, "Completed", "Rollback completed");
    static final Condition RB_C_F = c("RollbackCompleted", FALSE, "Failed", "Rollback failed");
    static final Condition RB_IP_FAILED = c("RollbackInProgress", FALSE, "Failed", RB_ERR);

    // The situations of the §3.5 table, conditions in their actual order.
    static final Conditions FRESH = Conditions.EMPTY;
    static final Conditions IDLE = cs(IDLE_T);
    static final Conditions PREP_IN_PROGRESS = cs(IDLE_F, PREP_IP_T);
    static final Conditions PREP_COMPLETED = cs(IDLE_F, PREP_IP_DONE, PREP_C_T);
    static final Conditions PREP_FAILED = cs(IDLE_F, PREP_C_F, PREP_IP_FAILED);
    static final Conditions UPGRADE_IN_PROGRESS = cs(IDLE_F, PREP_IP_DONE, PREP_C_T, UPG_IP_T);
    static final Conditions UPGRADE_COMPLETED = cs(IDLE_F, PREP_IP_DONE, PREP_C_T, UPG_IP_DONE, UPG_C_T);
    static final Conditions UPGRADE_FAILED = cs(IDLE_F, PREP_IP_DONE, PREP_C_T, UPG_C_F, UPG_IP_FAILED);
    static final Conditions UPGRADE_AUTO_ROLLED_BACK = cs(IDLE_F, PREP_IP_DONE, PREP_C_T, UPG_C_F, UPG_IP_AUTO_RB);
    static final Conditions ROLLBACK_IN_PROGRESS =
            cs(IDLE_F, PREP_IP_DONE, PREP_C_T, UPG_C_RB_REQ, UPG_IP_RB_REQ, RB_IP_T);
    static final Conditions ROLLBACK_COMPLETED =
            cs(IDLE_F, PREP_IP_DONE, PREP_C_T, UPG_C_RB_REQ, UPG_IP_RB_REQ, RB_IP_DONE, RB_C_T);
    static final Conditions ROLLBACK_FAILED =
            cs(IDLE_F, PREP_IP_DONE, PREP_C_T, UPG_C_RB_REQ, UPG_IP_RB_REQ, RB_C_F, RB_IP_FAILED);
    static final Conditions BLOCKED = cs(c("Idle", FALSE, "Blocked", "IPC is not idle"));

    static Conditions withIdle(Conditions base, String reason, String message) {
        return cs(base.items().filter(x -> !x.type().equals("Idle")).append(c("Idle", FALSE, reason, message)));
    }

    static ImageBasedUpgrade ibu(Stage spec, Conditions c) {
        return ImageBasedUpgrade.fresh().withSpec(Spec.idle().withStage(spec))
                .withMetadata(Metadata.singleton(2)).withStatus(Status.EMPTY.withConditions(c));
    }

    /** {@code Type Status Reason "message"} for each condition, in order. */
    static java.util.List<String> rows(Conditions c) {
        return c.items().map(Fx::row).asJava();
    }

    static String row(Condition x) {
        return x.type() + " " + x.status().wireName() + " " + x.reason() + " \"" + x.message() + "\"";
    }

    static java.util.List<String> rows(Condition... c) {
        return List.of(c).map(Fx::row).asJava();
    }

    static String r(String type, String status, String reason, String message) {
        return type + " " + status + " " + reason + " \"" + message + "\"";
    }
}
