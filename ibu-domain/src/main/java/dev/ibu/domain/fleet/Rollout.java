package dev.ibu.domain.fleet;

import dev.ibu.domain.Conditions;
import dev.ibu.domain.GoDuration;
import io.vavr.collection.List;
import io.vavr.collection.SortedMap;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The rollout rules: {@link #decide} is a pure function of the IBGU (with its status), what the hub sees of the
 * spokes, and the time. One step at a time: observe the in-flight spokes (done, failed at once on a Failed
 * condition, or timed out), apply the failure budget and the canary, then start spokes up to maxConcurrency.
 */
public final class Rollout {
    private Rollout() {
    }

    public static Decision decide(ImageBasedGroupUpgrade ibgu, List<Spoke> spokes, Instant now) {
        List<PlanItem> plan = ibgu.plan();
        RolloutStatus st = ibgu.status();
        int s = st.step();
        if (s >= plan.size()) {
            return idle(st, plan.size());
        }
        PlanItem item = plan.get(s);
        RolloutStrategy strat = item.rolloutStrategy();
        Map<String, Spoke> byName = new HashMap<>();
        for (Spoke sp : spokes) {
            byName.put(sp.name(), sp);
        }
        SortedMap<String, ClusterRow> rows = st.clusters();
        List<LabelChange> labels = List.empty();
        java.util.List<Start> starts = new ArrayList<>();
        java.util.List<String> eligibleWaiting = new ArrayList<>();
        java.util.List<String> population = new ArrayList<>();

        // 1. observe the spokes already in this step; collect the ones that may still start
        for (Spoke sp : spokes.filter(x -> ibgu.selects(x.labels())).sortBy(Spoke::name)) {
            ClusterRow row = rows.get(sp.name()).getOrElse(() -> ClusterRow.fresh(sp.name()));
            if (row.step() != s && Eligibility.eligible(item.first(), row, sp.labels())) {
                eligibleWaiting.add(sp.name());
            }
        }
        for (ClusterRow row : rows.values().filter(r -> r.step() == s)) {
            population.add(row.name());
            if (row.state() != RowState.IN_PROGRESS) {
                continue;
            }
            Conditions c = Option.of(byName.get(row.name())).map(Spoke::conditions).getOrElse(Conditions.EMPTY);
            SpokeProgress.Result p = SpokeProgress.of(row.action(), c);
            ClusterRow after;
            if (p.kind() == SpokeProgress.Kind.DONE) {
                labels = labels.appendAll(LabelChange.after(row.name(), row.action()));
                int i = item.actions().indexOf(row.action());
                if (i + 1 < item.actions().size()) {
                    Action next = item.actions().get(i + 1);
                    after = row.next(next, now, p.message());
                    starts.add(new Start(row.name(), next));
                } else {
                    after = row.completed(now, p.message());
                }
            } else if (p.kind() == SpokeProgress.Kind.FAILED) {
                after = fail(row, strat, RowState.FAILED, now, p.message());
                labels = labels.append(new LabelChange(row.name(), LabelChange.failed(row.action()), true));
            } else if (!now.isBefore(row.startedAt().plus(strat.timeout()))) {
                after = fail(row, strat, RowState.TIMED_OUT, now, row.action() + " timed out after "
                        + GoDuration.format(strat.timeout().getSeconds()) + " (spec.plan[" + s
                        + "].rolloutStrategy.timeout)" + (p.message().isEmpty() ? "" : ": " + p.message()));
                labels = labels.append(new LabelChange(row.name(), LabelChange.failed(row.action()), true));
            } else {
                after = row.progress(p.message());
            }
            rows = rows.put(row.name(), after);
        }
        population.addAll(eligibleWaiting);
        java.util.Collections.sort(population);
        int total = population.size();

        // 2. budget and canary
        List<ClusterRow> stepRows = rows.values().filter(r -> r.step() == s).toList();
        int failures = stepRows.count(r -> r.state().failure());
        int inFlight = stepRows.count(r -> r.state() == RowState.IN_PROGRESS);
        List<String> canary = strat.canary().map(c -> c.pick(List.ofAll(population))).getOrElse(List.empty());
        Option<Halt> halt = st.halt().filter(h -> h.step() == s);
        if (halt.isEmpty()) {
            halt = haltFor(s, item, strat, stepRows, canary, failures, total, plan.size());
        }
        Option<Instant> wake = Option.none();

        // 3. start spokes
        if (halt.isEmpty()) {
            int slots = strat.maxConcurrency() - inFlight;
            java.util.Set<String> started = new java.util.HashSet<>();
            for (ClusterRow r : stepRows) {
                started.add(r.name());
            }
            final SortedMap<String, ClusterRow> observed = rows;
            List<String> canaryPending = canary.filter(n -> !started.contains(n));
            boolean canaryOpen = canary.exists(n -> !started.contains(n)
                    || observed.get(n).get().state() != RowState.COMPLETED);
            java.util.List<String> queue = new ArrayList<>(canaryPending.toJavaList());
            java.util.Set<String> waitingSet = new java.util.HashSet<>(eligibleWaiting);
            if (!canaryOpen) {
                Instant soakEnd = canary.map(n -> observed.get(n).get().since()).max()
                        .map(t -> t.plus(strat.canary().get().soak())).getOrElse(Instant.MIN);
                if (now.isBefore(soakEnd)) {
                    wake = Option.some(soakEnd);
                } else {
                    queue = eligibleWaiting;
                }
            }
            for (String n : queue) {
                if (slots <= 0) {
                    break;
                }
                if (started.contains(n) || !waitingSet.contains(n)) {
                    continue;
                }
                ClusterRow base = rows.get(n).getOrElse(() -> ClusterRow.fresh(n));
                rows = rows.put(n, base.start(s, item.first(), now));
                starts.add(new Start(n, item.first()));
                started.add(n);
                slots--;
                inFlight++;
            }
        }

        // 4. the step's outcome
        final SortedMap<String, ClusterRow> finalRows = rows;
        List<ClusterRow> out = finalRows.values().filter(r -> r.step() == s).toList();
        int waiting = (int) eligibleWaiting.stream().filter(n -> finalRows.get(n).forAll(r -> r.step() != s)).count();
        boolean stepDone = inFlight == 0 && (halt.isDefined() || waiting == 0);
        for (ClusterRow r : out.filter(r -> r.state() == RowState.IN_PROGRESS)) {
            Instant t = r.startedAt().plus(strat.timeout());
            wake = Option.some(wake.filter(w -> w.isBefore(t)).getOrElse(t));
        }
        RolloutStatus after;
        if (stepDone && (halt.isEmpty() || plan.size() > halt.get().planSize())) {
            after = new RolloutStatus(s + 1, Option.none(), Option.none(), finalRows);
            wake = Option.some(now);
        } else {
            after = new RolloutStatus(s, Option.some(st.stepStartedAt().getOrElse(now)), halt, finalRows);
        }
        Summary summary = new Summary(total, waiting, out.count(r -> r.state() == RowState.IN_PROGRESS),
                out.count(r -> r.state() == RowState.COMPLETED), out.count(r -> r.state() == RowState.FAILED),
                out.count(r -> r.state() == RowState.TIMED_OUT), out.count(r -> r.state() == RowState.HELD));
        return new Decision(s, List.ofAll(starts), out, names(out, RowState.COMPLETED), names(out, RowState.FAILED),
                names(out, RowState.TIMED_OUT), names(out, RowState.HELD), stepDone, halt.map(Halt::message),
                summary, labels, after, wake, after.step() >= plan.size());
    }

    private static ClusterRow fail(ClusterRow row, RolloutStrategy strat, RowState state, Instant now, String msg) {
        boolean hold = strat.onFailure() == OnFailure.HOLD;
        return row.failed(hold ? RowState.HELD : state, hold, now, msg);
    }

    private static Option<Halt> haltFor(int s, PlanItem item, RolloutStrategy strat, List<ClusterRow> stepRows,
                                        List<String> canary, int failures, int total, int planSize) {
        String field = "spec.plan[" + s + "].rolloutStrategy";
        java.util.Set<String> canarySet = new java.util.HashSet<>(canary.toJavaList());
        List<String> failedCanary = stepRows.filter(r -> r.state().failure() && canarySet.contains(r.name()))
                .map(ClusterRow::name);
        if (!failedCanary.isEmpty()) {
            return Option.some(new Halt(s, planSize, "Rollout halted at " + item.describe(s) + ": canary "
                    + failedCanary.mkString(", ") + " failed (" + field + ".canary); no other spoke was started."
                    + " Fix the canary and append a plan step to resume, or delete the ImageBasedGroupUpgrade"));
        }
        if (strat.maxFailures().isDefined()) {
            FailureBudget b = strat.maxFailures().get();
            int allowed = b.allowed(total);
            if (failures > allowed) {
                return Option.some(new Halt(s, planSize, "Rollout halted at " + item.describe(s) + ": " + failures
                        + " of " + total + " spokes failed, more than " + field + ".maxFailures " + b + " allows ("
                        + allowed + "); no new spoke starts. Troubleshoot the failed spokes, then append a plan step"
                        + " (e.g. AbortOnFailure) to resume"));
            }
        }
        return Option.none();
    }

    private static List<String> names(List<ClusterRow> rows, RowState state) {
        return rows.filter(r -> r.state() == state).map(ClusterRow::name);
    }

    private static Decision idle(RolloutStatus st, int planSize) {
        return new Decision(st.step(), List.empty(), List.empty(), List.empty(), List.empty(), List.empty(),
                List.empty(), true, Option.none(), new Summary(0, 0, 0, 0, 0, 0, 0), List.empty(), st,
                Option.none(), st.step() >= planSize);
    }
}
