package dev.ibu.ports.testkit;

import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Status;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.util.function.Function;

/**
 * The CRD's CEL rules on a spec update (stage-machine.md §1.4, rules 2-6), as the API server would apply them to a
 * user's {@code oc patch}. "No status" is taken to be an empty status, as the domain has no absent status.
 */
final class CelAdmission {
    static final String TRANSITION = "the stage transition is not permitted. Please refer to status.validNextStages "
            + "for valid transitions. If status.validNextStages is not present, it indicates that no transitions are "
            + "currently allowed";

    private CelAdmission() {
    }

    /** The first rule {@code updated} breaks, if any. */
    static Option<String> reject(ImageBasedUpgrade old, Spec updated) {
        List<Option<String>> checks = List.of(
                frozen(old, updated, "spec.seedImageRef", Spec::seedImageRef),
                frozen(old, updated, "spec.oadpContent", Spec::oadpContent),
                frozen(old, updated, "spec.extraManifests", Spec::extraManifests),
                frozen(old, updated, "spec.autoRollbackOnFailure", Spec::autoRollbackOnFailure),
                transition(old, updated));
        return checks.find(Option::isDefined).flatMap(o -> o);
    }

    private static Option<String> frozen(ImageBasedUpgrade old, Spec updated, String field,
                                         Function<Spec, Object> value) {
        boolean idle = old.status().conditions().find(ConditionTypes.IDLE).exists(Condition::isTrue);
        boolean allowed = noStatus(old) || idle || updated.stage() == dev.ibu.domain.Stage.IDLE
                || value.apply(old.spec()).equals(value.apply(updated));
        return allowed ? Option.none() : Option.some("can not change " + field + " while ibu is in progress");
    }

    private static Option<String> transition(ImageBasedUpgrade old, Spec updated) {
        boolean allowed = noStatus(old) || updated.stage() == old.spec().stage()
                || old.status().validNextStages().contains(updated.stage());
        return allowed ? Option.none() : Option.some(TRANSITION);
    }

    private static boolean noStatus(ImageBasedUpgrade old) {
        return old.status().equals(Status.EMPTY);
    }
}
