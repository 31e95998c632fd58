package dev.ibu.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

/** Spec §4.0 and §4.11: status.history. */
class HistoryTest {
    private static final Instant T0 = Fx.T0;
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);

    private static StageHistory entry(List<StageHistory> h, String stage) {
        return h.find(e -> e.stage().equals(stage)).get();
    }

    private static PhaseHistory phase(List<StageHistory> h, String stage, String phase) {
        return entry(h, stage).phases().find(p -> p.phase().equals(phase)).get();
    }

    @Test
    void start_stage_appends_an_entry_with_a_start_time_and_no_phases() {
        List<StageHistory> h = History.startStage(List.empty(), Stage.PREP, T0);
        assertThat(h).containsExactly(new StageHistory("Prep", Option.some(T0), Option.none(), List.empty()));
    }

    @Test
    void start_stage_is_never_for_idle() {
        assertThat(History.startStage(List.empty(), Stage.IDLE, T0)).isEmpty();
    }

    @Test
    void start_stage_happens_at_most_once_per_stage_even_after_completion() {
        List<StageHistory> h = History.startStage(List.empty(), Stage.PREP, T0);
        h = History.stopStage(h, Stage.PREP, T1);
        List<StageHistory> again = History.startStage(h, Stage.PREP, T2);
        assertThat(again).isEqualTo(h);
        assertThat(entry(again, "Prep").completionTime()).contains(T1);
    }

    @Test
    void entries_keep_their_order_across_stages() {
        List<StageHistory> h = History.startStage(List.empty(), Stage.PREP, T0);
        h = History.startStage(h, Stage.UPGRADE, T1);
        h = History.startStage(h, Stage.ROLLBACK, T2);
        assertThat(h.map(StageHistory::stage)).containsExactly("Prep", "Upgrade", "Rollback");
    }

    @Test
    void prep_phases_stateroot_then_precache_and_stage_completion() {
        List<StageHistory> h = History.beforeHandler(List.empty(), Stage.PREP, T0);
        h = History.startPhase(h, Stage.PREP, History.PHASE_STATEROOT, T0);
        h = History.stopPhase(h, Stage.PREP, History.PHASE_STATEROOT, T1);
        h = History.startPhase(h, Stage.PREP, History.PHASE_PRECACHE, T1);
        h = History.stopPhase(h, Stage.PREP, History.PHASE_PRECACHE, T2);
        h = History.stopStage(h, Stage.PREP, T2);

        assertThat(entry(h, "Prep")).isEqualTo(new StageHistory("Prep", Option.some(T0), Option.some(T2), List.of(
                new PhaseHistory("Stateroot", Option.some(T0), Option.some(T1)),
                new PhaseHistory("Precache", Option.some(T1), Option.some(T2)))));
    }

    @Test
    void start_phase_is_idempotent_and_a_no_op_without_the_stage_entry() {
        List<StageHistory> h = History.startStage(List.empty(), Stage.UPGRADE, T0);
        h = History.startPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, T0);
        List<StageHistory> again = History.startPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, T1);
        assertThat(again).isEqualTo(h);
        assertThat(History.startPhase(h, Stage.ROLLBACK, History.PHASE_PRE_PIVOT, T1)).isEqualTo(h);
        assertThat(History.startPhase(List.empty(), Stage.PREP, History.PHASE_STATEROOT, T1)).isEmpty();
    }

    @Test
    void stop_phase_is_a_no_op_unless_the_phase_started_and_is_open() {
        List<StageHistory> h = History.startStage(List.empty(), Stage.UPGRADE, T0);
        assertThat(History.stopPhase(h, Stage.UPGRADE, History.PHASE_POST_PIVOT, T1)).isEqualTo(h);
        h = History.startPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, T0);
        h = History.stopPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, T1);
        List<StageHistory> again = History.stopPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, T2);
        assertThat(phase(again, "Upgrade", "PrePivot").completionTime()).contains(T1);
    }

    @Test
    void reboot_time_is_post_pivot_start_minus_pre_pivot_completion() {
        List<StageHistory> h = History.startStage(List.empty(), Stage.UPGRADE, T0);
        h = History.startPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, T0);
        h = History.stopPhase(h, Stage.UPGRADE, History.PHASE_PRE_PIVOT, T1);
        h = History.startPhase(h, Stage.UPGRADE, History.PHASE_POST_PIVOT, T3);
        Duration reboot = Duration.between(phase(h, "Upgrade", "PrePivot").completionTime().get(),
                phase(h, "Upgrade", "PostPivot").startTime().get());
        assertThat(reboot).isEqualTo(Duration.ofMinutes(2));
        assertThat(phase(h, "Upgrade", "PostPivot").completionTime()).isEmpty();
    }

    @Test
    void the_wrapper_resets_history_whenever_a_handler_runs_with_spec_idle() {
        List<StageHistory> h = History.startStage(List.empty(), Stage.PREP, T0);
        h = History.startStage(h, Stage.UPGRADE, T1);
        assertThat(History.beforeHandler(h, Stage.IDLE, T2)).isEmpty();
    }

    @Test
    void the_wrapper_starts_spec_stage_entry_once() {
        List<StageHistory> h = History.beforeHandler(List.empty(), Stage.UPGRADE, T0);
        assertThat(History.beforeHandler(h, Stage.UPGRADE, T1)).isEqualTo(h);
        assertThat(h).hasSize(1);
    }

    /** §6: history is keyed on spec.stage, so a rejected Upgrade during Prep records Prep's phases under Upgrade. */
    @Test
    void a_rejected_upgrade_during_prep_records_prep_phases_under_upgrade() {
        List<StageHistory> h = History.beforeHandler(List.empty(), Stage.PREP, T0);
        h = History.beforeHandler(h, Stage.UPGRADE, T1);
        h = History.startPhase(h, Stage.UPGRADE, History.PHASE_PRECACHE, T1);

        assertThat(h.map(StageHistory::stage)).containsExactly("Prep", "Upgrade");
        assertThat(entry(h, "Prep").phases()).isEmpty();
        assertThat(entry(h, "Upgrade").phases().map(PhaseHistory::phase)).containsExactly("Precache");
    }
}
