package dev.ibu.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.util.Objects;

/**
 * The decision part of one reconcile (spec §3.1 steps 5 to 7) without side effects: validNextStages, whether
 * spec.stage is a requested transition, its validation, and which handler would run next.
 */
public record TransitionStep(
        List<Stage> validNextStagesBefore,
        boolean transitionRequested,
        Option<Transition> transition,
        Option<Stage> handlerToRun,
        Status statusAfter) {

    public TransitionStep {
        Objects.requireNonNull(validNextStagesBefore);
        Objects.requireNonNull(transition);
        Objects.requireNonNull(handlerToRun);
        Objects.requireNonNull(statusAfter);
    }

    public static TransitionStep decide(ImageBasedUpgrade ibu, boolean isAfterPivot, java.time.Instant now) {
        Stage spec = ibu.spec().stage();
        Conditions before = ibu.status().conditions();
        List<Stage> validBefore = StageMachine.validNextStages(before, spec, isAfterPivot);
        boolean requested = ConditionPredicates.transitionRequested(before, spec);
        Option<Transition> transition = requested
                ? Option.some(StageMachine.validate(before, spec, isAfterPivot, new Stamp(ibu.generation(), now)))
                : Option.none();
        Conditions after = transition.map(Transition::conditions).getOrElse(before);
        List<Stage> validAfter = StageMachine.validNextStages(after, spec, isAfterPivot);
        Status statusAfter = ibu.status().withConditions(after).withValidNextStages(validAfter);
        return new TransitionStep(validBefore, requested, transition,
                ConditionPredicates.inProgressStage(after), statusAfter);
    }

    public boolean accepted() {
        return transition.exists(t -> t instanceof Transition.Accepted);
    }

    public List<Stage> validNextStagesAfter() {
        return statusAfter.validNextStages();
    }
}
