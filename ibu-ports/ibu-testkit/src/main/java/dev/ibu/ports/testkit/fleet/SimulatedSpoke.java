package dev.ibu.ports.testkit.fleet;

import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.Reasons;
import dev.ibu.domain.Stage;
import dev.ibu.domain.fleet.Action;
import dev.ibu.ports.fleet.SpokeWork;

import java.time.Instant;

/**
 * One spoke's IBU as its conditions show it (used by SimulatedFleet and the rehearsal's local --fleet): the action
 * last asked for, ticks spent on it, and the conditions the
 * node agent would write (stage-machine.md: in progress, then completed or failed; Idle for aborts and finalizes).
 */
public final class SimulatedSpoke {
    private final String name;
    private SpokeScript script;
    private Action action;
    private int ticks;
    private Conditions conditions = Conditions.EMPTY.set(ConditionTypes.IDLE, ConditionStatus.TRUE, Reasons.IDLE,
            "Idle", 1, Instant.EPOCH);
    private long generation = 1;

    public SimulatedSpoke(String name, SpokeScript script) {
        this.name = name;
        this.script = script;
    }

    public String name() {
        return name;
    }

    public void script(SpokeScript s) {
        this.script = s;
    }

    /** The action last asked of the spoke, none before the first. */
    public io.vavr.control.Option<Action> action() {
        return io.vavr.control.Option.of(action);
    }

    public Conditions conditions() {
        return conditions;
    }

    /** The work agent applied an IBU asking for {@code a}; nothing shows until the node agent's next pass. */
    public void request(Action a, Instant now) {
        if (a == action) {
            return;
        }
        action = a;
        ticks = 0;
        generation++;
    }

    /** One pass of the spoke's node agent. */
    public void advance(Instant now) {
        if (action == null) {
            return;
        }
        ticks++;
        Stage stage = SpokeWork.stageFor(action);
        boolean finished = ticks >= script.ticks() && !script.hangs(action);
        if (stage == Stage.IDLE) {
            idle(finished, now);
        } else {
            stage(stage, finished, now);
        }
    }

    private void stage(Stage stage, boolean finished, Instant now) {
        String progress = stage.inProgressType();
        String done = stage.completedType();
        if (!finished) {
            conditions = conditions.remove(ConditionTypes.IDLE).set(ConditionTypes.IDLE, ConditionStatus.FALSE,
                    Reasons.IN_PROGRESS, "In progress", generation, now)
                    .set(progress, ConditionStatus.TRUE, Reasons.IN_PROGRESS, stage.wireName() + " in progress",
                            generation, now);
            return;
        }
        if (script.failure(action).isDefined()) {
            String msg = script.failure(action).get();
            conditions = conditions.set(progress, ConditionStatus.FALSE, Reasons.FAILED, msg, generation, now)
                    .set(done, ConditionStatus.FALSE, Reasons.FAILED, msg, generation, now);
            return;
        }
        conditions = conditions.set(progress, ConditionStatus.FALSE, Reasons.COMPLETED, stage.wireName()
                + " completed", generation, now).set(done, ConditionStatus.TRUE, Reasons.COMPLETED,
                stage.wireName() + " completed", generation, now);
    }

    private void idle(boolean finished, Instant now) {
        boolean aborts = action.aborts();
        if (!finished) {
            conditions = conditions.set(ConditionTypes.IDLE, ConditionStatus.FALSE,
                    aborts ? Reasons.ABORTING : Reasons.FINALIZING, aborts ? "Aborting" : "Finalizing", generation,
                    now);
            return;
        }
        if (script.failure(action).isDefined()) {
            conditions = conditions.set(ConditionTypes.IDLE, ConditionStatus.FALSE,
                    aborts ? Reasons.ABORT_FAILED : Reasons.FINALIZE_FAILED, script.failure(action).get(),
                    generation, now);
            return;
        }
        conditions = Conditions.EMPTY.set(ConditionTypes.IDLE, ConditionStatus.TRUE, Reasons.IDLE, "Idle",
                generation, now);
    }
}
