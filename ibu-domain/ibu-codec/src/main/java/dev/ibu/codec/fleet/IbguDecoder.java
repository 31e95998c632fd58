package dev.ibu.codec.fleet;

import dev.ibu.codec.CodecError;
import dev.ibu.codec.IbuSpecs;
import dev.ibu.domain.Spec;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.Canary;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.FailedAction;
import dev.ibu.domain.fleet.FailureBudget;
import dev.ibu.domain.fleet.Halt;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.domain.fleet.OnFailure;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.RolloutStatus;
import dev.ibu.domain.fleet.RolloutStrategy;
import dev.ibu.domain.fleet.RowState;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Wire -> domain; anything the domain cannot hold is refused with the field and the fix. */
final class IbguDecoder {
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private IbguDecoder() {
    }

    static Either<CodecError, ImageBasedGroupUpgrade> object(IbguObject o) {
        if (o.metadata() == null || o.metadata().name() == null || o.metadata().name().isEmpty()) {
            throw new Refused("metadata.name: missing; name the ImageBasedGroupUpgrade");
        }
        IbguSpec spec = o.spec() == null ? new IbguSpec(null, null, null) : o.spec();
        Either<CodecError, Spec> ibuSpec = IbuSpecs.decode(spec.ibuSpec(), "spec.ibuSpec");
        if (ibuSpec.isLeft()) {
            return Either.left(ibuSpec.getLeft());
        }
        return Either.right(new ImageBasedGroupUpgrade(o.metadata().namespace(), o.metadata().name(), ibuSpec.get(),
                selectors(spec.clusterLabelSelectors()), plan(spec.plan()), status(o.status())));
    }

    private static List<LabelSelector> selectors(java.util.List<IbguSpec.Selector> wire) {
        List<LabelSelector> out = List.empty();
        for (int i = 0; wire != null && i < wire.size(); i++) {
            IbguSpec.Selector s = wire.get(i);
            List<LabelSelector.Requirement> reqs = List.empty();
            for (int j = 0; s.matchExpressions() != null && j < s.matchExpressions().size(); j++) {
                IbguSpec.Requirement r = s.matchExpressions().get(j);
                String f = "spec.clusterLabelSelectors[" + i + "].matchExpressions[" + j + "]";
                LabelSelector.Operator op = LabelSelector.Operator.parse(r.operator()).getOrElseThrow(() ->
                        new Refused(f + ".operator: \"" + r.operator() + "\" is not an operator; use In, NotIn,"
                                + " Exists or DoesNotExist"));
                reqs = reqs.append(new LabelSelector.Requirement(r.key(), op,
                        r.values() == null ? List.empty() : List.ofAll(r.values())));
            }
            out = out.append(new LabelSelector(s.matchLabels() == null ? TreeMap.empty()
                    : TreeMap.ofAll(s.matchLabels()), reqs));
        }
        return out;
    }

    private static List<PlanItem> plan(java.util.List<IbguSpec.PlanItem> wire) {
        List<PlanItem> out = List.empty();
        for (int i = 0; wire != null && i < wire.size(); i++) {
            IbguSpec.PlanItem p = wire.get(i);
            String f = "spec.plan[" + i + "]";
            List<Action> actions = List.empty();
            for (int j = 0; p.actions() != null && j < p.actions().size(); j++) {
                String a = p.actions().get(j);
                int jj = j;
                actions = actions.append(Action.parse(a).getOrElseThrow(() -> new Refused(f + ".actions[" + jj
                        + "]: \"" + a + "\" is not an action; use Prep, Upgrade, Rollback, Abort, AbortOnFailure,"
                        + " FinalizeUpgrade or FinalizeRollback")));
            }
            if (p.rolloutStrategy() == null || p.rolloutStrategy().maxConcurrency() == null) {
                throw new Refused(f + ".rolloutStrategy.maxConcurrency: missing; set how many spokes may run the"
                        + " step at once, e.g. rolloutStrategy: {maxConcurrency: 10}");
            }
            out = out.append(new PlanItem(actions, strategy(p.rolloutStrategy(), f + ".rolloutStrategy")));
        }
        return out;
    }

    private static RolloutStrategy strategy(IbguSpec.RolloutStrategy w, String f) {
        Duration timeout = w.timeout() == null ? RolloutStrategy.DEFAULT_TIMEOUT : Duration.ofMinutes(w.timeout());
        Option<FailureBudget> budget = Option.none();
        if (w.maxFailures() != null) {
            Either<String, FailureBudget> b = FailureBudget.parse(f + ".maxFailures", String.valueOf(w.maxFailures()));
            budget = Option.some(b.getOrElseThrow(Refused::new));
        }
        Option<Canary> canary = Option.none();
        if (w.canary() != null) {
            canary = Option.some(canary(w.canary(), f + ".canary"));
        }
        OnFailure onFailure = OnFailure.ABORT;
        if (w.onFailure() != null) {
            onFailure = OnFailure.parse(w.onFailure()).getOrElseThrow(() -> new Refused(f + ".onFailure: \""
                    + w.onFailure() + "\" is not a choice; use Abort (leave failed spokes to an Abort step) or Hold"
                    + " (keep them as they are for troubleshooting)"));
        }
        return new RolloutStrategy(w.maxConcurrency(), timeout, budget, canary, onFailure);
    }

    private static Canary canary(IbguSpec.Canary c, String f) {
        Duration soak = c.soak() == null ? Duration.ZERO : GoDurations.parse(c.soak()).getOrElseThrow(() ->
                new Refused(f + ".soak: \"" + c.soak() + "\" is not a duration; write e.g. 30m or 1h30m"));
        Object clusters = c.clusters();
        if (clusters instanceof Number) {
            return Canary.first(((Number) clusters).intValue(), soak);
        }
        if (clusters instanceof java.util.List) {
            return Canary.named(List.ofAll((java.util.List<?>) clusters).map(String::valueOf), soak);
        }
        throw new Refused(f + ".clusters: give a count (e.g. 2) or a list of ManagedCluster names");
    }

    static RolloutStatus statusOf(IbguStatus s) {
        return status(s);
    }

    private static RolloutStatus status(IbguStatus s) {
        if (s == null) {
            return RolloutStatus.initial();
        }
        TreeMap<String, ClusterRow> rows = TreeMap.empty();
        for (IbguStatus.Cluster c : s.clusters() == null ? java.util.List.<IbguStatus.Cluster>of() : s.clusters()) {
            String f = "status.clusters[" + c.name() + "]";
            List<Action> done = List.ofAll(orEmpty(c.completedActions())).map(a -> action(a.action(), f));
            List<FailedAction> failed = List.ofAll(orEmpty(c.failedActions()))
                    .map(a -> new FailedAction(action(a.action(), f), a.message() == null ? "" : a.message()));
            Action current = c.currentAction() != null ? action(c.currentAction().action(), f)
                    : failed.lastOption().map(FailedAction::action).orElse(done.lastOption()).getOrElse(Action.PREP);
            RowState state = List.of(RowState.values()).find(r -> r.wireName().equals(c.state()))
                    .getOrElse(c.currentAction() != null ? RowState.IN_PROGRESS
                            : failed.isEmpty() ? RowState.COMPLETED : RowState.FAILED);
            rows = rows.put(c.name(), new ClusterRow(c.name(), c.step() == null ? -1 : c.step(), current, state,
                    instant(c.since()), instant(c.startedAt()), c.message(), done, failed,
                    Boolean.TRUE.equals(c.held())));
        }
        return new RolloutStatus(s.currentStep() == null ? 0 : s.currentStep(),
                Option.of(s.stepStartedAt()).map(OffsetDateTime::toInstant),
                Option.of(s.halted()).map(h -> new Halt(h.step(), h.planSize(), h.message())), rows);
    }

    private static <T> java.util.List<T> orEmpty(java.util.List<T> l) {
        return l == null ? java.util.List.of() : l;
    }

    private static Action action(String a, String f) {
        return Action.parse(a).getOrElseThrow(() -> new Refused(f + ": \"" + a + "\" is not an action"));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? Instant.EPOCH : t.toInstant();
    }
}
