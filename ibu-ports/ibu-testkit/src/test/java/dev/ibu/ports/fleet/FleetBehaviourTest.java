package dev.ibu.ports.fleet;

import static dev.ibu.ports.fleet.Fleets.TICK;
import static dev.ibu.ports.fleet.Fleets.fleet;
import static dev.ibu.ports.fleet.Fleets.ibgu;
import static dev.ibu.ports.fleet.Fleets.name;
import static dev.ibu.ports.fleet.Fleets.rows;
import static dev.ibu.ports.fleet.Fleets.step;
import static dev.ibu.ports.fleet.Fleets.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.Canary;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.FailureBudget;
import dev.ibu.domain.fleet.LabelChange;
import dev.ibu.domain.fleet.OnFailure;
import dev.ibu.domain.fleet.RowState;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.testkit.fleet.HubEvent;
import dev.ibu.ports.testkit.fleet.SimulatedFleet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

/** The four behaviours issue 17 adds to TALM's rollout, each through the hub's pass on the in-memory hub. */
class FleetBehaviourTest {

    @Test
    void a_failed_condition_fails_the_spoke_at_once_not_at_the_timeout() {
        SimulatedFleet f = fleet(3, s -> s.failsAt(Action.PREP, "seed image quay.io/seed:4.21 not found"), Set.of(1));
        IbguRef ref = f.hub().create(ibgu(step(strategy(3), Action.PREP)));
        int rounds = f.run(f.engine(), ref, TICK, 500).get();
        assertThat(rounds).isLessThan(10);
        ClusterRow failed = rows(f, ref).find(r -> r.name().equals("sno-01")).get();
        assertThat(failed.state()).isEqualTo(RowState.FAILED);
        assertThat(failed.message()).contains("quay.io/seed:4.21 not found");
        assertThat(Duration.between(failed.startedAt(), failed.since())).isLessThan(Duration.ofMinutes(10));
        assertThat(f.hub().labels("sno-01").keySet()).contains(LabelChange.failed(Action.PREP));
        assertThat(f.hub().events()).anySatisfy(e -> {
            assertThat(e.reason()).isEqualTo("SpokeFailed");
            assertThat(e.type()).isEqualTo(EventPort.Type.WARNING);
            assertThat(e.message()).contains("sno-01", "not found");
        });
    }

    @Test
    void a_spent_failure_budget_halts_the_step_lets_in_flight_spokes_finish_and_starts_no_other() {
        SimulatedFleet f = fleet(10, s -> s.failsAt(Action.PREP, "prep failed"), Set.of(0, 1, 2));
        IbguRef ref = f.hub().create(ibgu(step(strategy(2).withMaxFailures(FailureBudget.count(2)), Action.PREP),
                step(strategy(10), Action.UPGRADE)));
        f.run(f.engine(), ref, TICK, 200);
        f.run(f.engine(), ref, TICK, 20);
        HubStatus st = f.hub().status(ref).get();
        assertThat(st.rollout().halt().isDefined()).isTrue();
        assertThat(st.rollout().halt().get().message()).contains("3 of 10 spokes failed",
                "spec.plan[0].rolloutStrategy.maxFailures 2", "append a plan step");
        assertThat(st.summary().failed()).isEqualTo(3);
        assertThat(st.summary().notStarted()).isPositive();
        assertThat(st.summary().inProgress()).isZero();
        assertThat(rows(f, ref)).noneMatch(r -> r.action() == Action.UPGRADE);
        assertThat(f.hub().workClusters(ref).size()).isLessThanOrEqualTo(4);
        assertThat(f.hub().events().map(HubEvent::reason).count(r -> r.equals("RolloutHalted"))).isEqualTo(1);
    }

    @Test
    void a_percentage_budget_that_is_not_spent_lets_the_rollout_finish() {
        SimulatedFleet f = fleet(10, s -> s.failsAt(Action.PREP, "prep failed"), Set.of(4));
        IbguRef ref = f.hub().create(ibgu(step(strategy(3).withMaxFailures(FailureBudget.parse("m", "10%").get()),
                Action.PREP), step(strategy(10), Action.UPGRADE)));
        f.run(f.engine(), ref, TICK, 200);
        HubStatus st = f.hub().status(ref).get();
        assertThat(st.rollout().halt().isEmpty()).isTrue();
        assertThat(st.rollout().step()).isEqualTo(2);
        assertThat(rows(f, ref).count(r -> r.completedActions().contains(Action.UPGRADE))).isEqualTo(9);
    }

    @Test
    void the_canary_batch_completes_and_soaks_before_any_other_spoke_starts() {
        SimulatedFleet f = fleet(8);
        Duration soak = Duration.ofMinutes(30);
        IbguRef ref = f.hub().create(ibgu(step(strategy(4).withCanary(Canary.first(2, soak)), Action.PREP)));
        HubEngine engine = f.engine();
        java.time.Instant canaryDone = null;
        for (int round = 0; round < 200; round++) {
            engine.reconcile(ref);
            java.util.List<String> started = f.hub().workClusters(ref).toJavaList();
            boolean canaryComplete = rows(f, ref).filter(r -> started.subList(0, Math.min(2, started.size()))
                    .contains(r.name())).count(r -> r.state() == RowState.COMPLETED) == 2;
            if (canaryComplete && canaryDone == null) {
                canaryDone = f.clock().now();
            }
            if (canaryDone == null || f.clock().now().isBefore(canaryDone.plus(soak).minus(TICK))) {
                assertThat(started).as("round %d", round).containsExactly(name(0), name(1));
            }
            f.tick();
            f.clock().advance(TICK);
        }
        assertThat(rows(f, ref)).hasSize(8).allMatch(r -> r.state() == RowState.COMPLETED);
    }

    @Test
    void a_failed_canary_halts_the_rollout_whatever_the_budget() {
        SimulatedFleet f = fleet(6, s -> s.failsAt(Action.PREP, "canary prep failed"), Set.of(1));
        IbguRef ref = f.hub().create(ibgu(step(strategy(4).withMaxFailures(FailureBudget.count(5))
                .withCanary(Canary.first(2, Duration.ofMinutes(10))), Action.PREP)));
        f.run(f.engine(), ref, TICK, 100);
        HubStatus st = f.hub().status(ref).get();
        assertThat(st.rollout().halt().get().message()).contains("canary sno-01 failed");
        assertThat(f.hub().workClusters(ref)).containsExactly(name(0), name(1));
    }

    @Test
    void hold_keeps_a_failed_spoke_as_it_is_while_abort_on_failure_takes_the_others_back() {
        SimulatedFleet held = fleet(4, s -> s.failsAt(Action.PREP, "prep failed"), Set.of(2));
        IbguRef ref = held.hub().create(ibgu(step(strategy(4).withOnFailure(OnFailure.HOLD), Action.PREP),
                step(strategy(4), Action.ABORT_ON_FAILURE)));
        held.run(held.engine(), ref, TICK, 100);
        ClusterRow h = rows(held, ref).find(r -> r.name().equals(name(2))).get();
        assertThat(h.state()).isEqualTo(RowState.HELD);
        assertThat(h.held()).isTrue();
        assertThat(h.action()).isEqualTo(Action.PREP);
        assertThat(held.hub().work(ref, name(2)).get().ibuSpec().stage().wireName()).isEqualTo("Prep");
        assertThat(held.hub().status(ref).get().rollout().step()).isEqualTo(2);

        SimulatedFleet aborted = fleet(4, s -> s.failsAt(Action.PREP, "prep failed"), Set.of(2));
        IbguRef ref2 = aborted.hub().create(ibgu(step(strategy(4), Action.PREP),
                step(strategy(4), Action.ABORT_ON_FAILURE)));
        aborted.run(aborted.engine(), ref2, TICK, 100);
        ClusterRow a = rows(aborted, ref2).find(r -> r.name().equals(name(2))).get();
        assertThat(a.action()).isEqualTo(Action.ABORT_ON_FAILURE);
        assertThat(a.state()).isEqualTo(RowState.COMPLETED);
        assertThat(aborted.hub().work(ref2, name(2)).get().ibuSpec().stage().wireName()).isEqualTo("Idle");
    }
}
