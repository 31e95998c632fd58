package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;

/** {@code status.history} bookkeeping (spec §4.11). Phases are keyed on spec.stage, as upstream does. */
public final class History {
    public static final String PHASE_STATEROOT = "Stateroot";
    public static final String PHASE_PRECACHE = "Precache";
    public static final String PHASE_PRE_PIVOT = "PrePivot";
    public static final String PHASE_POST_PIVOT = "PostPivot";

    private History() {
    }

    /** Appends an entry for the stage unless one with a start time exists; never for Idle. */
    public static List<StageHistory> startStage(List<StageHistory> h, Stage stage, Instant now) {
        if (stage == Stage.IDLE || h.exists(e -> e.stage().equals(stage.wireName()) && e.startTime().isDefined())) {
            return h;
        }
        return h.append(new StageHistory(stage.wireName(), Option.some(now), Option.none(), List.empty()));
    }

    /** Sets the completion time of the stage's entry (success only). */
    public static List<StageHistory> stopStage(List<StageHistory> h, Stage stage, Instant now) {
        return h.map(e -> e.stage().equals(stage.wireName()) && e.completionTime().isEmpty()
                ? new StageHistory(e.stage(), e.startTime(), Option.some(now), e.phases())
                : e);
    }

    /** Starts a phase in the entry of {@code stage}; no-op when it already started or the entry is missing. */
    public static List<StageHistory> startPhase(List<StageHistory> h, Stage stage, String phase, Instant now) {
        return h.map(e -> {
            if (!e.stage().equals(stage.wireName())
                    || e.phases().exists(p -> p.phase().equals(phase) && p.startTime().isDefined())) {
                return e;
            }
            List<PhaseHistory> phases = e.phases().filter(p -> !p.phase().equals(phase))
                    .append(new PhaseHistory(phase, Option.some(now), Option.none()));
            return new StageHistory(e.stage(), e.startTime(), e.completionTime(), phases);
        });
    }

    /** Stops a phase; no-op unless it exists, has started and has no completion time. */
    public static List<StageHistory> stopPhase(List<StageHistory> h, Stage stage, String phase, Instant now) {
        return h.map(e -> {
            if (!e.stage().equals(stage.wireName())) {
                return e;
            }
            return new StageHistory(e.stage(), e.startTime(), e.completionTime(), e.phases().map(p ->
                    p.phase().equals(phase) && p.startTime().isDefined() && p.completionTime().isEmpty()
                            ? new PhaseHistory(p.phase(), p.startTime(), Option.some(now))
                            : p));
        });
    }

    /** The wrapper's history step before a handler runs (spec §4.0): start spec.stage's entry, or reset on Idle. */
    public static List<StageHistory> beforeHandler(List<StageHistory> h, Stage specStage, Instant now) {
        return specStage == Stage.IDLE ? List.empty() : startStage(h, specStage, now);
    }
}
