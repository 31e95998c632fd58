package dev.ibu.agent.explain;

import dev.ibu.domain.Condition;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StaterootName;
import dev.ibu.domain.Transition;
import dev.ibu.domain.TransitionStep;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;

/** One reconcile's decision step for one document, as {@code explain} reports it. */
public record Explanation(
        String label,
        List<Stage> validNextStagesBefore,
        boolean transitionRequested,
        Option<Boolean> transitionAllowed,
        Option<Stage> handlerToRun,
        List<Condition> conditionsAfterTransition,
        List<Stage> validNextStagesAfterTransition,
        String plan) {

    public static Explanation of(String label, ImageBasedUpgrade ibu, boolean afterPivot, Instant now) {
        TransitionStep step = TransitionStep.decide(ibu, afterPivot, now);
        Option<Boolean> allowed = step.transition().map(t -> t instanceof Transition.Accepted);
        return new Explanation(label, step.validNextStagesBefore(), step.transitionRequested(), allowed,
                step.handlerToRun(), step.statusAfter().conditions().items(), step.validNextStagesAfter(),
                plan(ibu, step));
    }

    static String plan(ImageBasedUpgrade ibu, TransitionStep step) {
        Stage spec = ibu.spec().stage();
        String handler = step.handlerToRun().map(s -> " The " + s + " handler then runs.").getOrElse(
                " No stage is in progress, so no handler runs.");
        if (!step.transitionRequested()) {
            return "No transition requested: spec.stage " + spec + " is already " + state(step, spec) + "."
                    + handler;
        }
        Transition t = step.transition().get();
        if (t instanceof Transition.Rejected r) {
            return spec + " requested but not allowed: \"" + r.message() + "\" (valid next stages: "
                    + names(step.validNextStagesBefore()) + "). The request stays pending: every reconcile "
                    + "re-evaluates it, and once a pass makes it valid (say the running stage completes) the agent "
                    + "reconciles again at once and acts on it." + handler;
        }
        Transition.Accepted a = (Transition.Accepted) t;
        return spec + " requested and allowed: " + acceptedPlan(ibu, a) + " Valid next stages become "
                + names(step.validNextStagesAfter()) + ".";
    }

    private static String acceptedPlan(ImageBasedUpgrade ibu, Transition.Accepted a) {
        if (a.requested() == Stage.PREP) {
            String version = ibu.spec().seedImageRef().version();
            String stateroot = version.isBlank() ? "rhcos_<seedImageRef.version>" : StaterootName.forVersion(version);
            return "the Prep handler will validate extraManifests and oadpContent, check the seed image "
                    + "(format version 4, version " + (version.isBlank() ? "<unset>" : version)
                    + ", compatibility), pull it, create the new stateroot " + stateroot
                    + " and precache the images the new release needs.";
        }
        if (a.requested() == Stage.UPGRADE) {
            return "the Upgrade handler will check cluster health, back up applications through OADP, export "
                    + "manifests and state into the new stateroot, make it the default and reboot; after the pivot "
                    + "it restores applications by apply wave, applies extra manifests and waits for health.";
        }
        if (a.requested() == Stage.ROLLBACK) {
            return "the Rollback handler will make the original stateroot the default and reboot into it; the "
                    + "applications come back with the original stateroot.";
        }
        switch (a.idleOutcome()) {
            case FINALIZE:
                return "finalize: after a health check, the Idle handler removes the stateroot that is not booted, "
                        + "precache artifacts and OADP backups, then returns to Idle (a rollback is no longer "
                        + "possible).";
            case ABORT:
                return "abort: the Idle handler removes the new stateroot, precache artifacts and OADP backups, "
                        + "then returns to Idle.";
            case RESET:
                return "the fresh resource is initialised to Idle; no cleanup runs.";
            default:
                return "accepted, but neither finalize nor abort applies, so nothing changes (upstream's no-op).";
        }
    }

    private static String state(TransitionStep step, Stage spec) {
        Option<Stage> running = step.handlerToRun();
        if (running.contains(spec)) {
            return "in progress";
        }
        return spec == Stage.IDLE ? "reached" : "completed or failed";
    }

    static String names(List<Stage> stages) {
        return stages.map(Stage::wireName).mkString("[", ", ", "]");
    }
}
