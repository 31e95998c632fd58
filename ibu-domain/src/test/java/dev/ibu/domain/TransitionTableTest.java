package dev.ibu.domain;

import static dev.ibu.domain.Fx.r;
import static dev.ibu.domain.Fx.rows;
import static dev.ibu.domain.Stage.IDLE;
import static dev.ibu.domain.Stage.PREP;
import static dev.ibu.domain.Stage.ROLLBACK;
import static dev.ibu.domain.Stage.UPGRADE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.Transition.IdleOutcome;
import io.vavr.collection.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

/**
 * Spec §3.5, every row and every cell: requested or not, accepted or rejected (with the exact message), the
 * resulting conditions in order, validNextStages before and after, and the handler that runs (the in-progress stage).
 */
class TransitionTableTest {
    private static final Instant NOW = Fx.T1;

    private static TransitionStep decide(Conditions c, Stage spec, boolean ap) {
        return TransitionStep.decide(Fx.ibu(spec, c), ap, NOW);
    }

    /** A fluent expectation on one cell. */
    private static final class Cell {
        private final TransitionStep step;
        private final Conditions before;

        Cell(Conditions before, Stage spec, boolean ap) {
            this.before = before;
            this.step = decide(before, spec, ap);
        }

        Cell validBefore(Stage... stages) {
            assertThat(step.validNextStagesBefore()).as("validNextStages before").containsExactly(stages);
            return this;
        }

        Cell notRequested() {
            assertThat(step.transitionRequested()).as("requested").isFalse();
            assertThat(step.transition().isEmpty()).isTrue();
            assertThat(rows(step.statusAfter().conditions())).as("conditions unchanged").isEqualTo(rows(before));
            return this;
        }

        Cell accepted(IdleOutcome outcome, String... conditionsAfter) {
            assertThat(step.transitionRequested()).as("requested").isTrue();
            assertThat(step.transition().get()).isInstanceOf(Transition.Accepted.class);
            assertThat(((Transition.Accepted) step.transition().get()).idleOutcome()).isEqualTo(outcome);
            assertThat(rows(step.statusAfter().conditions())).as("conditions after").containsExactly(conditionsAfter);
            return this;
        }

        Cell rejected(String message, String... conditionsAfter) {
            assertThat(step.transitionRequested()).as("requested").isTrue();
            assertThat(step.transition().get()).isInstanceOf(Transition.Rejected.class);
            assertThat(((Transition.Rejected) step.transition().get()).message()).isEqualTo(message);
            assertThat(rows(step.statusAfter().conditions())).as("conditions after").containsExactly(conditionsAfter);
            return this;
        }

        Cell validAfter(Stage... stages) {
            assertThat(step.validNextStagesAfter()).as("validNextStages after").containsExactly(stages);
            assertThat(step.statusAfter().validNextStages()).containsExactly(stages);
            return this;
        }

        void handler(Stage stage) {
            assertThat(step.handlerToRun().toJavaOptional()).as("handler").contains(stage);
        }

        void noHandler() {
            assertThat(step.handlerToRun().isEmpty()).as("no handler runs").isTrue();
        }
    }

    private static Cell cell(Conditions before, Stage spec, boolean ap) {
        return new Cell(before, spec, ap);
    }

    private static String[] with(Conditions base, String... extra) {
        return List.ofAll(rows(base)).appendAll(List.of(extra)).toJavaArray(String[]::new);
    }

    private static final String IDLE_IN_PROGRESS = r("Idle", "False", "InProgress", "In progress");
    private static final String ABORTING = r("Idle", "False", "Aborting", "Aborting");
    private static final String FINALIZING = r("Idle", "False", "Finalizing", "Finalizing");
    private static final String NOT_SUCCEEDED = "Previous stage not succeeded";
    private static final String NOT_STARTED = "Upgrade not started or already finalized";

    private static String invalid(String type, String message) {
        return r(type, "False", "InvalidTransition", message);
    }

    @Nested
    class FreshCr {
        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_idle_is_accepted_and_resets_to_idle_true_without_a_handler(boolean ap) {
            cell(Fx.FRESH, IDLE, ap).validBefore(IDLE).accepted(IdleOutcome.RESET, r("Idle", "True", "Idle", "Idle"))
                    .validAfter(PREP).noHandler();
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_prep_is_rejected(boolean ap) {
            cell(Fx.FRESH, PREP, ap).validBefore(IDLE)
                    .rejected(NOT_SUCCEEDED, invalid("PrepInProgress", NOT_SUCCEEDED)).validAfter(IDLE).noHandler();
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_upgrade_is_rejected(boolean ap) {
            cell(Fx.FRESH, UPGRADE, ap).validBefore(IDLE)
                    .rejected(NOT_SUCCEEDED, invalid("UpgradeInProgress", NOT_SUCCEEDED)).validAfter(IDLE).noHandler();
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_rollback_is_rejected(boolean ap) {
            cell(Fx.FRESH, ROLLBACK, ap).validBefore(IDLE)
                    .rejected(NOT_STARTED, invalid("RollbackInProgress", NOT_STARTED)).validAfter(IDLE).noHandler();
        }
    }

    @Nested
    class IdleCompleted {
        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_idle_is_not_requested(boolean ap) {
            cell(Fx.IDLE, IDLE, ap).validBefore(PREP).notRequested().validAfter(PREP).noHandler();
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_prep_is_accepted_and_prep_runs(boolean ap) {
            cell(Fx.IDLE, PREP, ap).validBefore(PREP)
                    .accepted(IdleOutcome.NOT_IDLE, IDLE_IN_PROGRESS,
                            r("PrepInProgress", "True", "InProgress", "In progress"))
                    .validAfter(IDLE).handler(PREP);
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_upgrade_is_rejected(boolean ap) {
            cell(Fx.IDLE, UPGRADE, ap).validBefore(PREP)
                    .rejected(NOT_SUCCEEDED, with(Fx.IDLE, invalid("UpgradeInProgress", NOT_SUCCEEDED)))
                    .validAfter(PREP).noHandler();
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_rollback_is_rejected(boolean ap) {
            cell(Fx.IDLE, ROLLBACK, ap).validBefore(PREP)
                    .rejected(NOT_STARTED, with(Fx.IDLE, invalid("RollbackInProgress", NOT_STARTED)))
                    .validAfter(PREP).noHandler();
        }
    }

    @Nested
    class PrepInProgress {
        final Conditions s = Fx.PREP_IN_PROGRESS;

        @Test
        void request_idle_aborts() {
            cell(s, IDLE, false).validBefore(IDLE)
                    .accepted(IdleOutcome.ABORT, r("PrepInProgress", "True", "InProgress", "In progress"), ABORTING)
                    .validAfter().handler(IDLE);
        }

        @Test
        void request_prep_is_not_requested_and_prep_continues() {
            cell(s, PREP, false).validBefore(IDLE).notRequested().validAfter(IDLE).handler(PREP);
        }

        @Test
        void request_upgrade_is_rejected_and_prep_still_runs() {
            cell(s, UPGRADE, false).validBefore(IDLE)
                    .rejected(NOT_SUCCEEDED, with(s, invalid("UpgradeInProgress", NOT_SUCCEEDED)))
                    .validAfter(IDLE).handler(PREP);
        }

        @Test
        void request_rollback_is_rejected_and_prep_still_runs() {
            cell(s, ROLLBACK, false).validBefore(IDLE)
                    .rejected(NOT_STARTED, with(s, invalid("RollbackInProgress", NOT_STARTED)))
                    .validAfter(IDLE).handler(PREP);
        }
    }

    @Nested
    class PrepCompleted {
        final Conditions s = Fx.PREP_COMPLETED;

        @Test
        void request_idle_aborts() {
            cell(s, IDLE, false).validBefore(IDLE, UPGRADE)
                    .accepted(IdleOutcome.ABORT, with(s.remove("Idle"), ABORTING)).validAfter().handler(IDLE);
        }

        @Test
        void request_prep_is_not_requested() {
            cell(s, PREP, false).validBefore(IDLE, UPGRADE).notRequested().validAfter(IDLE, UPGRADE).noHandler();
        }

        @Test
        void request_upgrade_is_accepted_before_the_pivot() {
            cell(s, UPGRADE, false).validBefore(IDLE, UPGRADE)
                    .accepted(IdleOutcome.NOT_IDLE, with(s, r("UpgradeInProgress", "True", "InProgress", "In progress")))
                    .validAfter(IDLE).handler(UPGRADE);
        }

        @Test
        void request_upgrade_is_accepted_after_the_pivot_with_rollback_next() {
            cell(s, UPGRADE, true).validBefore(IDLE, UPGRADE)
                    .accepted(IdleOutcome.NOT_IDLE, with(s, r("UpgradeInProgress", "True", "InProgress", "In progress")))
                    .validAfter(ROLLBACK).handler(UPGRADE);
        }

        @Test
        void request_rollback_is_rejected() {
            cell(s, ROLLBACK, false).validBefore(IDLE, UPGRADE)
                    .rejected(NOT_STARTED, with(s, invalid("RollbackInProgress", NOT_STARTED)))
                    .validAfter(IDLE, UPGRADE).noHandler();
        }
    }

    @Nested
    class PrepFailed {
        final Conditions s = Fx.PREP_FAILED;

        @Test
        void request_idle_aborts() {
            cell(s, IDLE, false).validBefore(IDLE)
                    .accepted(IdleOutcome.ABORT, with(s.remove("Idle"), ABORTING)).validAfter().handler(IDLE);
        }

        @Test
        void request_prep_is_not_requested_and_stays_failed() {
            cell(s, PREP, false).validBefore(IDLE).notRequested().validAfter(IDLE).noHandler();
        }

        @Test
        void request_upgrade_is_rejected() {
            cell(s, UPGRADE, false).validBefore(IDLE)
                    .rejected(NOT_SUCCEEDED, with(s, invalid("UpgradeInProgress", NOT_SUCCEEDED)))
                    .validAfter(IDLE).noHandler();
        }

        @Test
        void request_rollback_is_rejected() {
            cell(s, ROLLBACK, false).validBefore(IDLE)
                    .rejected(NOT_STARTED, with(s, invalid("RollbackInProgress", NOT_STARTED)))
                    .validAfter(IDLE).noHandler();
        }
    }

    @Nested
    class UpgradeInProgressBeforePivot {
        final Conditions s = Fx.UPGRADE_IN_PROGRESS;

        @Test
        void request_idle_aborts() {
            cell(s, IDLE, false).validBefore(IDLE)
                    .accepted(IdleOutcome.ABORT, with(s.remove("Idle"), ABORTING)).validAfter().handler(IDLE);
        }

        @Test
        void request_prep_is_not_requested() {
            cell(s, PREP, false).validBefore(IDLE).notRequested().validAfter(IDLE).handler(UPGRADE);
        }

        @Test
        void request_upgrade_is_not_requested() {
            cell(s, UPGRADE, false).validBefore(IDLE).notRequested().validAfter(IDLE).handler(UPGRADE);
        }

        @Test
        void request_rollback_is_rejected() {
            cell(s, ROLLBACK, false).validBefore(IDLE)
                    .rejected(NOT_STARTED, with(s, invalid("RollbackInProgress", NOT_STARTED)))
                    .validAfter(IDLE).handler(UPGRADE);
        }
    }

    private static final String[] ROLLBACK_FROM_IN_PROGRESS = {
        IDLE_IN_PROGRESS,
        r("PrepInProgress", "False", "Completed", "Prep completed"),
        r("PrepCompleted", "True", "Completed", Fx.PREP_OK),
        r("UpgradeCompleted", "False", "Failed", "Rollback requested"),
        r("UpgradeInProgress", "False", "Failed", "Rollback requested"),
        r("RollbackInProgress", "True", "InProgress", "In progress"),
    };

    @Nested
    class UpgradeInProgressAfterPivot {
        final Conditions s = Fx.UPGRADE_IN_PROGRESS;

        @Test
        void request_idle_is_rejected_rollback_first_and_upgrade_keeps_running() {
            cell(s, IDLE, true).validBefore(ROLLBACK)
                    .rejected("Transition to Idle not allowed - Rollback first", with(s.remove("Idle"),
                            invalid("Idle", "Transition to Idle not allowed - Rollback first")))
                    .validAfter(ROLLBACK).handler(UPGRADE);
        }

        @Test
        void request_prep_is_not_requested() {
            cell(s, PREP, true).validBefore(ROLLBACK).notRequested().validAfter(ROLLBACK).handler(UPGRADE);
        }

        @Test
        void request_upgrade_is_not_requested() {
            cell(s, UPGRADE, true).validBefore(ROLLBACK).notRequested().validAfter(ROLLBACK).handler(UPGRADE);
        }

        @Test
        void request_rollback_is_accepted() {
            cell(s, ROLLBACK, true).validBefore(ROLLBACK)
                    .accepted(IdleOutcome.NOT_IDLE, ROLLBACK_FROM_IN_PROGRESS).validAfter().handler(ROLLBACK);
        }
    }

    @Nested
    class UpgradeCompleted {
        final Conditions s = Fx.UPGRADE_COMPLETED;

        @Test
        void request_idle_finalizes() {
            cell(s, IDLE, true).validBefore(IDLE, ROLLBACK)
                    .accepted(IdleOutcome.FINALIZE, with(s.remove("Idle"), FINALIZING)).validAfter().handler(IDLE);
        }

        @Test
        void request_prep_is_not_requested() {
            cell(s, PREP, true).validBefore(IDLE, ROLLBACK).notRequested().validAfter(IDLE, ROLLBACK).noHandler();
        }

        @Test
        void request_upgrade_is_not_requested() {
            cell(s, UPGRADE, true).validBefore(IDLE, ROLLBACK).notRequested().validAfter(IDLE, ROLLBACK).noHandler();
        }

        @Test
        void request_rollback_is_accepted() {
            cell(s, ROLLBACK, true).validBefore(IDLE, ROLLBACK)
                    .accepted(IdleOutcome.NOT_IDLE,
                            IDLE_IN_PROGRESS,
                            r("PrepInProgress", "False", "Completed", "Prep completed"),
                            r("PrepCompleted", "True", "Completed", Fx.PREP_OK),
                            r("UpgradeInProgress", "False", "Failed", "Rollback requested"),
                            r("UpgradeCompleted", "False", "Failed", "Rollback requested"),
                            r("RollbackInProgress", "True", "InProgress", "In progress"))
                    .validAfter().handler(ROLLBACK);
        }
    }

    @Nested
    class UpgradeFailedAfterPivot {
        final Conditions s = Fx.UPGRADE_FAILED;

        @Test
        void request_idle_is_rejected_rollback_first() {
            cell(s, IDLE, true).validBefore(ROLLBACK)
                    .rejected("Transition to Idle not allowed - Rollback first", with(s.remove("Idle"),
                            invalid("Idle", "Transition to Idle not allowed - Rollback first")))
                    .validAfter(ROLLBACK).noHandler();
        }

        @Test
        void request_prep_is_not_requested() {
            cell(s, PREP, true).validBefore(ROLLBACK).notRequested().validAfter(ROLLBACK).noHandler();
        }

        @Test
        void request_upgrade_is_not_requested() {
            cell(s, UPGRADE, true).validBefore(ROLLBACK).notRequested().validAfter(ROLLBACK).noHandler();
        }

        @Test
        void request_rollback_is_accepted() {
            cell(s, ROLLBACK, true).validBefore(ROLLBACK)
                    .accepted(IdleOutcome.NOT_IDLE, ROLLBACK_FROM_IN_PROGRESS).validAfter().handler(ROLLBACK);
        }
    }

    @Nested
    class UpgradeFailedNotAfterPivot {
        final Conditions s = Fx.UPGRADE_AUTO_ROLLED_BACK;

        @Test
        void request_idle_aborts_not_finalizes() {
            cell(s, IDLE, false).validBefore(IDLE)
                    .accepted(IdleOutcome.ABORT, with(s.remove("Idle"), ABORTING)).validAfter().handler(IDLE);
        }

        @Test
        void request_prep_is_not_requested() {
            cell(s, PREP, false).validBefore(IDLE).notRequested().validAfter(IDLE).noHandler();
        }

        @Test
        void request_upgrade_is_not_requested() {
            cell(s, UPGRADE, false).validBefore(IDLE).notRequested().validAfter(IDLE).noHandler();
        }

        @Test
        void request_rollback_is_rejected() {
            cell(s, ROLLBACK, false).validBefore(IDLE)
                    .rejected(NOT_STARTED, with(s, invalid("RollbackInProgress", NOT_STARTED)))
                    .validAfter(IDLE).noHandler();
        }
    }

    @Nested
    class RollbackInProgress {
        final Conditions s = Fx.ROLLBACK_IN_PROGRESS;

        @Test
        void request_idle_is_rejected_rollback_in_progress() {
            String m = "Transition to Idle not allowed - Rollback is in progress";
            cell(s, IDLE, true).validBefore()
                    .rejected(m, with(s.remove("Idle"), invalid("Idle", m))).validAfter().handler(ROLLBACK);
        }

        @Test
        void request_idle_back_in_the_original_stateroot_is_rejected_abort_or_finalize_not_allowed() {
            String m = "Abort or finalize not allowed";
            cell(s, IDLE, false).validBefore()
                    .rejected(m, with(s.remove("Idle"), invalid("Idle", m))).validAfter().handler(ROLLBACK);
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void requests_of_prep_upgrade_rollback_are_not_requested(boolean ap) {
            for (Stage st : List.of(PREP, UPGRADE, ROLLBACK)) {
                cell(s, st, ap).validBefore().notRequested().validAfter().handler(ROLLBACK);
            }
        }
    }

    @Nested
    class RollbackCompleted {
        final Conditions s = Fx.ROLLBACK_COMPLETED;

        @Test
        void request_idle_finalizes() {
            cell(s, IDLE, false).validBefore(IDLE)
                    .accepted(IdleOutcome.FINALIZE, with(s.remove("Idle"), FINALIZING)).validAfter().handler(IDLE);
        }

        @Test
        void requests_of_prep_upgrade_rollback_are_not_requested() {
            for (Stage st : List.of(PREP, UPGRADE, ROLLBACK)) {
                cell(s, st, false).validBefore(IDLE).notRequested().validAfter(IDLE).noHandler();
            }
        }
    }

    @Nested
    class RollbackFailed {
        final Conditions s = Fx.ROLLBACK_FAILED;

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_idle_is_rejected_rollback_failed(boolean ap) {
            String m = "Transition to Idle not allowed - Rollback failed";
            cell(s, IDLE, ap).validBefore()
                    .rejected(m, with(s.remove("Idle"), invalid("Idle", m))).validAfter().noHandler();
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void requests_of_prep_upgrade_rollback_are_not_requested(boolean ap) {
            for (Stage st : List.of(PREP, UPGRADE, ROLLBACK)) {
                cell(s, st, ap).validBefore().notRequested().validAfter().noHandler();
            }
        }
    }

    /** Aborting / AbortFailed / Finalizing / FinalizeFailed: the idle handler continues whatever is requested. */
    @Nested
    class IdleInProgress {
        final List<String> reasons = List.of("Aborting", "AbortFailed", "Finalizing", "FinalizeFailed");

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void request_idle_is_not_requested_and_the_idle_handler_continues(boolean ap) {
            for (String reason : reasons) {
                for (Conditions base : List.of(Fx.PREP_IN_PROGRESS, Fx.UPGRADE_COMPLETED, Fx.ROLLBACK_COMPLETED)) {
                    Conditions s = Fx.withIdle(base, reason, reason);
                    cell(s, IDLE, ap).validBefore().notRequested().validAfter().handler(IDLE);
                }
            }
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void stages_whose_completed_condition_exists_or_that_are_in_progress_are_not_requested(boolean ap) {
            for (String reason : reasons) {
                Conditions s = Fx.withIdle(Fx.PREP_IN_PROGRESS, reason, reason);
                cell(s, PREP, ap).validBefore().notRequested().validAfter().handler(IDLE);
                Conditions r = Fx.withIdle(Fx.ROLLBACK_COMPLETED, reason, reason);
                for (Stage st : List.of(PREP, UPGRADE, ROLLBACK)) {
                    cell(r, st, ap).validBefore().notRequested().validAfter().handler(IDLE);
                }
            }
        }

        @ParameterizedTest(name = "isAfterPivot={0}")
        @ValueSource(booleans = {false, true})
        void other_stages_are_rejected_and_the_idle_handler_still_runs(boolean ap) {
            for (String reason : reasons) {
                Conditions s = Fx.withIdle(Fx.PREP_IN_PROGRESS, reason, reason);
                cell(s, UPGRADE, ap).validBefore()
                        .rejected(NOT_SUCCEEDED, with(s, invalid("UpgradeInProgress", NOT_SUCCEEDED)))
                        .validAfter().handler(IDLE);
                cell(s, ROLLBACK, ap).validBefore()
                        .rejected(NOT_STARTED, with(s, invalid("RollbackInProgress", NOT_STARTED)))
                        .validAfter().handler(IDLE);
                Conditions u = Fx.withIdle(Fx.UPGRADE_COMPLETED, reason, reason);
                cell(u, ROLLBACK, ap).validBefore()
                        .rejected(NOT_STARTED, with(u, invalid("RollbackInProgress", NOT_STARTED)))
                        .validAfter().handler(IDLE);
            }
        }

        @Test
        void a_fresh_cr_that_aborts_rejects_prep_with_previous_stage_not_succeeded() {
            Conditions s = Fx.withIdle(Fx.FRESH, "Aborting", "Aborting");
            cell(s, PREP, false).validBefore()
                    .rejected(NOT_SUCCEEDED, with(s, invalid("PrepInProgress", NOT_SUCCEEDED)))
                    .validAfter().handler(IDLE);
        }
    }

    /** {@code Idle F Blocked} as the only condition: validNextStages is [spec.stage], so everything is accepted. */
    @Nested
    class Blocked {
        final Conditions s = Fx.BLOCKED;
        final String blocked = r("Idle", "False", "Blocked", "IPC is not idle");

        @Test
        void request_idle_aborts_and_cleanup_runs() {
            cell(s, IDLE, false).validBefore(IDLE).accepted(IdleOutcome.ABORT, ABORTING).validAfter().handler(IDLE);
        }

        @Test
        void request_prep_starts_prep() {
            cell(s, PREP, false).validBefore(PREP)
                    .accepted(IdleOutcome.NOT_IDLE, IDLE_IN_PROGRESS,
                            r("PrepInProgress", "True", "InProgress", "In progress"))
                    .validAfter(IDLE).handler(PREP);
        }

        @Test
        void request_upgrade_starts_upgrade_without_prep() {
            cell(s, UPGRADE, false).validBefore(UPGRADE)
                    .accepted(IdleOutcome.NOT_IDLE, blocked, r("UpgradeInProgress", "True", "InProgress", "In progress"))
                    .validAfter(IDLE).handler(UPGRADE);
        }

        @Test
        void request_rollback_starts_rollback() {
            cell(s, ROLLBACK, false).validBefore(ROLLBACK)
                    .accepted(IdleOutcome.NOT_IDLE, blocked,
                            r("UpgradeCompleted", "False", "Failed", "Rollback requested"),
                            r("UpgradeInProgress", "False", "Failed", "Rollback requested"),
                            r("RollbackInProgress", "True", "InProgress", "In progress"))
                    .validAfter().handler(ROLLBACK);
        }
    }

    /** §6: spec=Idle accepted but neither finalize nor abort applies (Prep states after the pivot). */
    @Test
    void idle_in_prep_after_the_pivot_is_accepted_as_a_no_op_and_stays_offered() {
        cell(Fx.PREP_IN_PROGRESS, IDLE, true).validBefore(IDLE)
                .accepted(IdleOutcome.NO_OP, rows(Fx.PREP_IN_PROGRESS).toArray(String[]::new))
                .validAfter(IDLE).handler(PREP);
        cell(Fx.PREP_FAILED, IDLE, true).validBefore(IDLE)
                .accepted(IdleOutcome.NO_OP, rows(Fx.PREP_FAILED).toArray(String[]::new))
                .validAfter(IDLE).noHandler();
    }

    /** §3.4: accepting first clears invalid transitions, e.g. a stale rejected Rollback while Prep completed. */
    @Test
    void an_accepted_upgrade_first_clears_stale_invalid_transitions() {
        Conditions s = Fx.cs(Fx.PREP_COMPLETED.items()
                .append(Fx.c("RollbackInProgress", ConditionStatus.FALSE, "InvalidTransition", NOT_STARTED)));
        cell(s, UPGRADE, false).validBefore(IDLE, UPGRADE)
                .accepted(IdleOutcome.NOT_IDLE, with(Fx.PREP_COMPLETED,
                        r("UpgradeInProgress", "True", "InProgress", "In progress")))
                .validAfter(IDLE).handler(UPGRADE);
    }

    /** The table's note: creating the CR with Prep before the first reconcile, then setting Idle drops the stale one. */
    @Test
    void a_fresh_cr_rejected_for_prep_recovers_with_idle_which_resets_everything() {
        TransitionStep first = decide(Fx.FRESH, PREP, false);
        Conditions afterRejection = first.statusAfter().conditions();
        cell(afterRejection, IDLE, false).validBefore(IDLE)
                .accepted(IdleOutcome.RESET, r("Idle", "True", "Idle", "Idle")).validAfter(PREP).noHandler();
        assertThat(rows(afterRejection)).containsExactly(invalid("PrepInProgress", NOT_SUCCEEDED));
    }
}
