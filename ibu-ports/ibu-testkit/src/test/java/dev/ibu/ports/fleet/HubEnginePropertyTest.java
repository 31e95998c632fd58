package dev.ibu.ports.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.Canary;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.FailureBudget;
import dev.ibu.domain.fleet.OnFailure;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.RolloutStrategy;
import dev.ibu.domain.fleet.RowState;
import dev.ibu.domain.fleet.Summary;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.fleet.SimulatedFleet;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's pass under faults: random fleets, plans (Prep, Upgrade, FinalizeUpgrade with random concurrency, budget,
 * canary and onFailure), failing spokes, and writes cut short before or after they happen. After every pass: no step
 * has more spokes in flight than its maxConcurrency, the summary adds up, the status view stays bounded, nothing
 * starts in a halted step; at the end the rollout is done or halted, exactly as the failures and budgets say.
 * A deliberate bug (a watch cache that loses works) is shown to be caught by {@link #a_bug_is_caught}.
 */
class HubEnginePropertyTest {
    static final long SEED = 0x4B0BL;

    record Fleet(int n, int conc, Set<Integer> failing, Integer budget, Integer canary, boolean hold, double faults) {
    }

    static Fleet fleet(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(25);
        Set<Integer> failing = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (r.nextInt(6) == 0) {
                failing.add(i);
            }
        }
        return new Fleet(n, 1 + r.nextInt(6), failing, r.nextBoolean() ? r.nextInt(4) : null,
                r.nextInt(3) == 0 ? 1 + r.nextInt(2) : null, r.nextBoolean(), r.nextInt(3) * 0.15);
    }

    static final class Coverage {
        final AtomicInteger halts = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger faults = new AtomicInteger();
        final AtomicInteger canaries = new AtomicInteger();
        final AtomicInteger holds = new AtomicInteger();
    }

    static void check(long seed, Coverage cov, boolean cacheDropsWorks) {
        Fleet fl = fleet(seed);
        SimulatedFleet f = Fleets.fleet(fl.n(), s -> s.failsAt(Action.PREP, "injected prep failure"), fl.failing());
        RolloutStrategy s = RolloutStrategy.talm(fl.conc(), Duration.ofMinutes(240));
        RolloutStrategy first = s;
        if (fl.budget() != null) {
            first = first.withMaxFailures(FailureBudget.count(fl.budget()));
        }
        if (fl.canary() != null) {
            first = first.withCanary(Canary.first(fl.canary(), Duration.ofMinutes(5)));
            cov.canaries.incrementAndGet();
        }
        if (fl.hold()) {
            first = first.withOnFailure(OnFailure.HOLD);
        }
        IbguRef ref = f.hub().create(Fleets.ibgu(PlanItem.of(first, Action.PREP), PlanItem.of(s, Action.UPGRADE),
                PlanItem.of(s, Action.FINALIZE_UPGRADE)));
        FaultyHub faulty = new FaultyHub(f.hub(), seed, fl.faults(), cacheDropsWorks);
        HubEngine engine = new HubEngine(new HubPorts(faulty, faulty, faulty, f.hub(), f.clock()), 4);
        Random r = new Random(seed ^ 0x55);
        Decision last = null;
        for (int round = 0; round < 600; round++) {
            Either<PortFailure, HubPass> pass = engine.reconcile(ref);
            int step = f.hub().status(ref).map(st -> st.rollout().step()).getOrElse(0);
            long inFlight = Fleets.rows(f, ref).count(row -> row.step() == step && row.state() == RowState.IN_PROGRESS);
            assertThat(inFlight).as("in flight at step %d (seed %d)", step, seed)
                    .isLessThanOrEqualTo(fl.conc());
            f.hub().status(ref).forEach(st -> {
                Summary sum = st.summary();
                assertThat(sum.notStarted() + sum.inProgress() + sum.completed() + sum.failures())
                        .as("summary adds up (seed %d)", seed).isEqualTo(sum.total());
                assertThat(st.rollout().clusters().size()).isLessThanOrEqualTo(4);
            });
            if (pass.isRight()) {
                Decision d = pass.get().decision().get();
                if (d.halted().isDefined() && last != null && last.halted().isDefined() && last.step() == d.step()) {
                    assertThat(d.starts()).as("nothing starts in a halted step (seed %d)", seed).isEmpty();
                }
                last = d;
                if (d.rolloutDone() || (d.halted().isDefined() && d.summary().inProgress() == 0)) {
                    break;
                }
                if (d.wakeAt().exists(w -> !w.isAfter(f.clock().now()))) {
                    continue;
                }
            }
            if (pass.isLeft() && r.nextBoolean()) {
                continue;  // the controller retries at once, before any watch event
            }
            f.tick();
            f.clock().advance(Duration.ofMinutes(1));
        }
        cov.faults.addAndGet(faulty.faults);
        assertThat(last).isNotNull();
        int prepFailures = fl.failing().size();
        boolean canaryFails = fl.canary() != null && fl.failing().stream().anyMatch(i -> i < Math.min(fl.canary(),
                fl.n()));
        boolean overBudget = fl.budget() != null && prepFailures > fl.budget();
        if (canaryFails || overBudget) {
            assertThat(last.halted().isDefined()).as("halts (seed %d, %s)", seed, fl).isTrue();
            cov.halts.incrementAndGet();
            return;
        }
        assertThat(last.rolloutDone()).as("completes (seed %d, %s)", seed, fl).isTrue();
        cov.done.incrementAndGet();
        for (ClusterRow row : Fleets.rows(f, ref)) {
            int i = Integer.parseInt(row.name().substring(4));
            if (fl.failing().contains(i)) {
                assertThat(row.completedActions()).doesNotContain(Action.UPGRADE);
                if (fl.hold()) {
                    assertThat(row.held()).isTrue();
                    cov.holds.incrementAndGet();
                }
            } else {
                assertThat(row.completedActions()).as("seed %d", seed)
                        .containsExactly(Action.PREP, Action.UPGRADE, Action.FINALIZE_UPGRADE);
            }
        }
    }

    @Test
    void the_hub_keeps_its_invariants_under_cut_short_writes() {
        Coverage cov = new Coverage();
        qt().withFixedSeed(SEED).withExamples(120).forAll(longs().all()).checkAssert(seed -> check(seed, cov, false));
        assertThat(cov.halts.get()).as("halts reached").isPositive();
        assertThat(cov.done.get()).as("completions reached").isPositive();
        assertThat(cov.faults.get()).as("faults injected").isPositive();
        assertThat(cov.canaries.get()).isPositive();
        assertThat(cov.holds.get()).isPositive();
    }

    @Test
    void a_bug_is_caught() {
        // a watch cache that loses works (the hub no longer sees some spokes it started) must break an invariant
        Coverage cov = new Coverage();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> qt().withFixedSeed(SEED).withExamples(40)
                .forAll(longs().all()).checkAssert(seed -> check(seed, cov, true)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("seed");
    }

}
