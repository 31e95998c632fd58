package dev.ibu.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Model check of {@link Rollout#decide}: random fleets (0 to 2,000 spokes), random plans from TALM's 26 sequences
 * with random budgets, canaries and onFailure, random spoke scripts; the driver jumps from event to event (a spoke
 * reporting, a timeout, a soak ending) and checks every decision against the invariants and, at the end of every
 * step, against {@link FleetOracle}.
 */
class RolloutPropertyTest {
    static final int EXAMPLES = 300;
    static final long SEED = 0xF1EE7L;

    interface Decider {
        Decision decide(ImageBasedGroupUpgrade ibgu, List<Spoke> spokes, Instant now);
    }

    static final class Coverage {
        final AtomicInteger budgetHalts = new AtomicInteger();
        final AtomicInteger canaryHalts = new AtomicInteger();
        final AtomicInteger holds = new AtomicInteger();
        final AtomicInteger timeouts = new AtomicInteger();
        final AtomicInteger soaks = new AtomicInteger();
        final AtomicInteger bigFleets = new AtomicInteger();
        final AtomicInteger multiActionSteps = new AtomicInteger();
        final AtomicInteger decisions = new AtomicInteger();
        final AtomicInteger aborts = new AtomicInteger();
    }

    /** Mostly small fleets, one in ten between 1,000 and 2,000 spokes. */
    static Gen<Integer> fleetSizes() {
        return integers().between(0, 99).map(v -> v < 90 ? v % 45 : 1_000 + (v - 90) * 111);
    }

    static void run(long seed, int n, Decider decider, Coverage cov) {
        FleetSim sim = new FleetSim(seed, n);
        FleetOracle oracle = new FleetOracle();
        List<PlanItem> plan = sim.ibgu.plan();
        if (n >= 1_000) {
            cov.bigFleets.incrementAndGet();
        }
        RolloutStatus status = RolloutStatus.initial();
        Instant now = SpokeScript.T0;
        Set<String> everHeld = new HashSet<>();
        int step = -1;
        Set<String> eligible = new HashSet<>();
        Set<String> failedInStep = new HashSet<>();
        java.util.List<String> canary = java.util.List.of();
        boolean halted = false;
        int prevInFlight = 0;
        Option<Integer> inFlightAtExceed = Option.none();
        for (int iter = 0; ; iter++) {
            assertThat(iter).as("rollout did not finish").isLessThan(200_000);
            ImageBasedGroupUpgrade ibgu = sim.ibgu.withStatus(status);
            List<Spoke> spokes = sim.observe(now);
            Decision d = decider.decide(ibgu, spokes, now);
            cov.decisions.incrementAndGet();
            if (iter % 5 == 0) {
                assertThat(Rollout.decide(ibgu, spokes, now)).as("decide is pure").isEqualTo(
                        Rollout.decide(ibgu, spokes, now));
            }
            if (d.step() >= plan.size()) {
                assertThat(d.rolloutDone()).isTrue();
                break;
            }
            PlanItem item = plan.get(d.step());
            RolloutStrategy strat = item.rolloutStrategy();
            if (d.step() != step) {
                step = d.step();
                if (item.actions().size() > 1) {
                    cov.multiActionSteps.incrementAndGet();
                }
                eligible.clear();
                for (String s : sim.names) {
                    if (!sim.unselected.contains(s) && oracle.eligible(s, item.first())) {
                        eligible.add(s);
                    }
                }
                java.util.List<String> sorted = new java.util.ArrayList<>(eligible);
                java.util.Collections.sort(sorted);
                canary = strat.canary().map(c -> c.pick(List.ofAll(sorted)).toJavaList()).getOrElse(java.util.List.of());
                failedInStep.clear();
                halted = false;
                prevInFlight = 0;
                inFlightAtExceed = Option.none();
            }
            // never more than maxConcurrency in flight
            assertThat(d.summary().inProgress()).as("in flight in %s", item.describe(step))
                    .isLessThanOrEqualTo(strat.maxConcurrency());
            Map<String, ClusterRow> rows = new HashMap<>();
            d.rows().forEach(r -> rows.put(r.name(), r));
            for (Start s : d.starts()) {
                boolean fresh = s.action() == item.first() && rows.get(s.cluster()).action() == item.first();
                assertThat(failedInStep).as("a failed spoke started again").doesNotContain(s.cluster());
                assertThat(s.action().aborts() && everHeld.contains(s.cluster())).as("held spoke aborted").isFalse();
                if (s.action().aborts()) {
                    cov.aborts.incrementAndGet();
                }
                if (fresh) {
                    assertThat(halted).as("a spoke started after the halt").isFalse();
                    assertThat(eligible).as("started a spoke the step does not apply to").contains(s.cluster());
                    if (!canary.contains(s.cluster())) {
                        Instant soakEnd = SpokeScript.T0;
                        for (String c : canary) {
                            ClusterRow cr = rows.get(c);
                            assertThat(cr).as("canary %s not started before %s", c, s.cluster()).isNotNull();
                            assertThat(cr.state()).as("canary %s", c).isEqualTo(RowState.COMPLETED);
                            soakEnd = cr.since().isAfter(soakEnd) ? cr.since() : soakEnd;
                        }
                        assertThat(now).as("soak").isAfterOrEqualTo(soakEnd.plus(FleetOracle.soak(item)));
                    }
                }
            }
            for (ClusterRow r : d.rows()) {
                if (r.state().failure()) {
                    failedInStep.add(r.name());
                }
                if (r.held()) {
                    everHeld.add(r.name());
                }
            }
            int failures = d.summary().failures();
            if (strat.maxFailures().isDefined()) {
                int allowed = strat.maxFailures().get().allowed(d.summary().total());
                if (failures > allowed && inFlightAtExceed.isEmpty()) {
                    inFlightAtExceed = Option.some(prevInFlight);
                }
                assertThat(failures).as("budget overshoot").isLessThanOrEqualTo(
                        allowed + inFlightAtExceed.getOrElse(0));
            }
            if (d.halted().isDefined() && !halted) {
                halted = true;
                boolean canaryFailed = canary.stream().anyMatch(failedInStep::contains);
                (canaryFailed ? cov.canaryHalts : cov.budgetHalts).incrementAndGet();
                assertThat(d.halted().get()).startsWith("Rollout halted at " + item.describe(step))
                        .contains(canaryFailed ? ".canary" : ".maxFailures");
            }
            if (d.wakeAt().isDefined() && d.starts().isEmpty() && !canary.isEmpty() && d.summary().inProgress() == 0
                    && d.summary().notStarted() > 0 && d.wakeAt().get().isAfter(now)) {
                cov.soaks.incrementAndGet();
            }
            prevInFlight = d.summary().inProgress();
            if (d.stepDone()) {
                checkStepAgainstOracle(sim, oracle, item, d, eligible, canary, cov);
            }
            sim.apply(d.starts(), now);
            status = d.statusAfter();
            if (d.stepDone() && d.halted().isDefined()) {
                assertThat(status.step()).isEqualTo(step);
                break;
            }
            Option<Instant> next = sim.nextEvent(now);
            Option<Instant> wake = d.wakeAt();
            if (wake.isDefined() && (next.isEmpty() || wake.get().isBefore(next.get()))) {
                next = wake;
            }
            assertThat(next.isDefined()).as("stuck at %s in %s", now, item.describe(step)).isTrue();
            now = next.get();
        }
    }

    static void checkStepAgainstOracle(FleetSim sim, FleetOracle oracle, PlanItem item, Decision d,
                                       Set<String> eligible, java.util.List<String> canary, Coverage cov) {
        Set<String> started = new HashSet<>();
        int scriptFailures = 0;
        boolean canaryFailed = false;
        for (ClusterRow r : d.rows()) {
            assertThat(r.state()).as("in flight at step end").isNotEqualTo(RowState.IN_PROGRESS);
            started.add(r.name());
            java.util.List<Action> completes = new java.util.ArrayList<>();
            RowState want = FleetOracle.expected(sim.scripts.get(r.name()), item, completes);
            assertThat(r.state()).as("%s in %s", r.name(), item.describe(d.step())).isEqualTo(want);
            oracle.record(r.name(), item, want, completes);
            if (want == RowState.HELD) {
                cov.holds.incrementAndGet();
            }
            if (want == RowState.TIMED_OUT) {
                cov.timeouts.incrementAndGet();
            }
        }
        for (String n : eligible) {
            java.util.List<Action> completes = new java.util.ArrayList<>();
            boolean fails = FleetOracle.expected(sim.scripts.get(n), item, completes).failure();
            scriptFailures += fails ? 1 : 0;
            canaryFailed |= fails && canary.contains(n);
        }
        assertThat(eligible).containsAll(started);
        assertThat(d.summary().total()).isEqualTo(eligible.size());
        if (d.halted().isEmpty()) {
            assertThat(started).as("every spoke of an unhalted step starts").isEqualTo(eligible);
            assertThat(canaryFailed).isFalse();
            if (item.rolloutStrategy().maxFailures().isDefined()) {
                assertThat(scriptFailures).as("failures of an unhalted step")
                        .isLessThanOrEqualTo(item.rolloutStrategy().maxFailures().get().allowed(eligible.size()));
            }
        }
    }

    @Test
    void every_decision_keeps_the_rollout_invariants_and_every_step_ends_as_the_oracle_says() {
        Coverage cov = new Coverage();
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).withShrinkCycles(50)
                .forAll(longs().all(), fleetSizes())
                .checkAssert((seed, n) -> run(seed, n, Rollout::decide, cov));
        assertThat(cov.budgetHalts.get()).as("budget halts").isGreaterThan(10);
        assertThat(cov.canaryHalts.get()).as("canary halts").isGreaterThan(3);
        assertThat(cov.holds.get()).as("held spokes").isGreaterThan(50);
        assertThat(cov.timeouts.get()).as("timeouts").isGreaterThan(50);
        assertThat(cov.soaks.get()).as("canary soaks").isGreaterThan(10);
        assertThat(cov.bigFleets.get()).as("fleets of 1,000+").isGreaterThan(5);
        assertThat(cov.multiActionSteps.get()).as("multi-action steps").isGreaterThan(20);
        assertThat(cov.aborts.get()).as("abort starts").isGreaterThan(20);
        System.out.printf("fleet model check: %d decisions, %d budget halts, %d canary halts, %d held, %d timed out,"
                        + " %d soaks, %d big fleets, %d multi-action steps, %d abort starts%n", cov.decisions.get(),
                cov.budgetHalts.get(), cov.canaryHalts.get(), cov.holds.get(), cov.timeouts.get(), cov.soaks.get(),
                cov.bigFleets.get(), cov.multiActionSteps.get(), cov.aborts.get());
    }

    @Test
    void a_canary_mutant_one_more_in_flight_than_maxConcurrency_is_caught() {
        Decider mutant = (ibgu, spokes, now) -> Rollout.decide(ibgu.withPlan(ibgu.plan().map(p ->
                new PlanItem(p.actions(), p.rolloutStrategy().withMaxConcurrency(p.rolloutStrategy().maxConcurrency()
                        + 1)))), spokes, now);
        assertThatThrownBy(() -> qt().withExamples(EXAMPLES).withFixedSeed(SEED).withShrinkCycles(5)
                .forAll(longs().all(), fleetSizes())
                .checkAssert((seed, n) -> run(seed, n, mutant, new Coverage())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("in flight in plan[");
    }

    static Decider mutating(java.util.function.UnaryOperator<RolloutStrategy> change) {
        return (ibgu, spokes, now) -> Rollout.decide(ibgu.withPlan(ibgu.plan().map(p ->
                new PlanItem(p.actions(), change.apply(p.rolloutStrategy())))), spokes, now);
    }

    static void caught(Decider mutant, String invariant) {
        assertThatThrownBy(() -> qt().withExamples(EXAMPLES).withFixedSeed(SEED).withShrinkCycles(5)
                .forAll(longs().all(), fleetSizes())
                .checkAssert((seed, n) -> run(seed, n, mutant, new Coverage())))
                .isInstanceOf(AssertionError.class).hasMessageContaining(invariant);
    }

    @Test
    void a_mutant_that_ignores_the_failure_budget_is_caught() {
        caught(mutating(s -> new RolloutStrategy(s.maxConcurrency(), s.timeout(), Option.none(), s.canary(),
                s.onFailure())), "budget overshoot");
    }

    @Test
    void a_mutant_that_skips_the_canary_soak_is_caught() {
        caught(mutating(s -> new RolloutStrategy(s.maxConcurrency(), s.timeout(), s.maxFailures(),
                s.canary().map(c -> new Canary(c.count(), c.names(), Duration.ZERO)), s.onFailure())), "soak");
    }
}
