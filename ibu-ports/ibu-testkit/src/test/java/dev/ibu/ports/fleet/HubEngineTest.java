package dev.ibu.ports.fleet;

import static dev.ibu.ports.fleet.Fleets.TICK;
import static dev.ibu.ports.fleet.Fleets.fleet;
import static dev.ibu.ports.fleet.Fleets.ibgu;
import static dev.ibu.ports.fleet.Fleets.inFlight;
import static dev.ibu.ports.fleet.Fleets.rows;
import static dev.ibu.ports.fleet.Fleets.step;
import static dev.ibu.ports.fleet.Fleets.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.Reasons;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.ClusterRow;
import dev.ibu.domain.fleet.LabelChange;
import dev.ibu.domain.fleet.RowState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.fleet.SimulatedFleet;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

/** The hub's pass end to end on the in-memory hub: TALM's plan, the fleet's invariants, stale feedback, conflicts. */
class HubEngineTest {

    @Test
    void talm_plan_rolls_every_spoke_through_prep_upgrade_finalize_within_max_concurrency() {
        SimulatedFleet f = fleet(20);
        IbguRef ref = f.hub().create(ibgu(step(strategy(5), Action.PREP), step(strategy(5), Action.UPGRADE),
                step(strategy(5), Action.FINALIZE_UPGRADE)));
        HubEngine engine = f.engine();
        boolean done = false;
        for (int round = 0; round < 200 && !done; round++) {
            Either<PortFailure, HubPass> pass = engine.reconcile(ref);
            assertThat(pass.isRight()).as("%s", pass).isTrue();
            assertThat(inFlight(f, ref)).isLessThanOrEqualTo(5);
            done = pass.get().decision().get().rolloutDone();
            f.tick();
            f.clock().advance(TICK);
        }
        assertThat(done).isTrue();
        assertThat(rows(f, ref)).hasSize(20).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(RowState.COMPLETED);
            assertThat(r.completedActions()).containsExactly(Action.PREP, Action.UPGRADE, Action.FINALIZE_UPGRADE);
        });
        assertThat(f.hub().labels("sno-07").keySet()).containsExactly("env",
                LabelChange.completed(Action.FINALIZE_UPGRADE));
        assertThat(f.hub().events().map(e -> e.reason())).contains("SpokesStarted", "StepCompleted",
                "RolloutCompleted");
        HubStatus st = f.hub().status(ref).get();
        assertThat(st.rollout().step()).isEqualTo(3);
    }

    @Test
    void feedback_from_an_older_work_generation_does_not_count() {
        SimulatedFleet f = fleet(1);
        IbguRef ref = f.hub().create(ibgu(step(strategy(1), Action.PREP)));
        HubEngine engine = f.engine();
        engine.reconcile(ref);
        Conditions failed = Conditions.EMPTY.set(ConditionTypes.PREP_COMPLETED, ConditionStatus.FALSE,
                Reasons.FAILED, "an earlier Prep failed", 1, f.clock().now());
        f.hub().report(ref, "sno-00", 0, failed);
        engine.reconcile(ref);
        assertThat(rows(f, ref).head().state()).isEqualTo(RowState.IN_PROGRESS);

        f.hub().report(ref, "sno-00", 1, failed);
        engine.reconcile(ref);
        ClusterRow row = rows(f, ref).head();
        assertThat(row.state()).isEqualTo(RowState.FAILED);
        assertThat(row.message()).isEqualTo("an earlier Prep failed");
    }

    @Test
    void a_status_conflict_writes_nothing_twice_and_starts_no_spoke_beyond_max_concurrency() {
        SimulatedFleet f = fleet(10);
        IbguRef ref = f.hub().create(ibgu(step(strategy(4), Action.PREP)));
        IbguStorePort stale = new IbguStorePort() {
            @Override
            public Either<PortFailure, io.vavr.control.Option<StoredIbgu>> read(IbguRef r) {
                return f.hub().read(r).map(o -> o.map(s -> new StoredIbgu(s.ibgu(), "1", s.summary())));
            }

            @Override
            public Either<PortFailure, String> writeStatus(IbguRef r, String rv, HubStatus status) {
                return f.hub().writeStatus(r, rv, status);
            }
        };
        HubEngine racing = new HubEngine(new HubPorts(stale, f.hub(), f.hub(), f.hub(), f.clock()));
        Either<PortFailure, HubPass> lost = racing.reconcile(ref);
        assertThat(lost.getLeft()).isInstanceOf(PortFailure.Conflict.class);
        assertThat(f.hub().workClusters(ref)).hasSize(4);

        HubPass again = f.engine().reconcile(ref).get();
        assertThat(again.decision().get().starts()).isEmpty();
        assertThat(again.worksWritten()).isZero();
        assertThat(f.hub().workClusters(ref)).hasSize(4);
        assertThat(f.hub().status(ref).get().summary().inProgress()).isEqualTo(4);
    }

    @Test
    void the_status_view_is_bounded_failures_first_and_counts_every_spoke() {
        SimulatedFleet f = fleet(30, s -> s.failsAt(Action.PREP, "seed image pull failed"), java.util.Set.of(25));
        IbguRef ref = f.hub().create(ibgu(step(strategy(30), Action.PREP)));
        HubEngine engine = new HubEngine(f.ports(), 5);
        f.run(engine, ref, TICK, 50);
        HubStatus st = f.hub().status(ref).get();
        assertThat(st.rollout().clusters().size()).isEqualTo(5);
        assertThat(st.clustersOmitted()).isEqualTo(25);
        assertThat(st.rollout().clusters().keySet()).contains("sno-25");
        assertThat(st.summary().total()).isEqualTo(30);
        assertThat(st.summary().completed()).isEqualTo(29);
        assertThat(st.summary().failed()).isEqualTo(1);
    }

    @Test
    void a_configmap_missing_on_the_hub_is_named_with_the_fix() {
        SimulatedFleet f = fleet(2);
        IbguRef ref = f.hub().create(new dev.ibu.domain.fleet.ImageBasedGroupUpgrade("fleet", "with-oadp",
                Fleets.IBU_WITH_OADP, ibgu().clusterLabelSelectors(),
                io.vavr.collection.List.of(step(strategy(2), Action.PREP)), null));
        Either<PortFailure, HubPass> pass = f.engine().reconcile(ref);
        assertThat(pass.getLeft()).isInstanceOf(PortFailure.NotFound.class);
        assertThat(pass.getLeft().message()).contains("ConfigMap fleet/oadp-cm", "create it");
        assertThat(f.hub().events().map(e -> e.reason())).contains("SpokeWorkFailed");

        f.hub().addConfigMap("fleet", "oadp-cm");
        assertThat(f.engine().reconcile(ref).isRight()).isTrue();
        assertThat(f.hub().workClusters(ref)).hasSize(2);
    }

    @Test
    void a_deleted_ibgu_leaves_no_work_behind() {
        SimulatedFleet f = fleet(3);
        IbguRef ref = f.hub().create(ibgu(step(strategy(3), Action.PREP)));
        f.engine().reconcile(ref);
        assertThat(f.hub().workClusters(ref)).hasSize(3);
        f.hub().deleteIbgu(ref);
        HubPass gone = f.engine().reconcile(ref).get();
        assertThat(gone.decision().isEmpty()).isTrue();
        assertThat(gone.worksWritten()).isEqualTo(3);
        assertThat(f.hub().workClusters(ref)).isEmpty();
    }

    @Test
    void auto_import_is_paused_before_a_spokes_upgrade_is_written_and_resumed_after() {
        SimulatedFleet f = fleet(2);
        IbguRef ref = f.hub().create(ibgu(step(strategy(2), Action.PREP), step(strategy(1), Action.UPGRADE)));
        HubEngine engine = f.engine();
        String key = "import.open-cluster-management.io/disable-auto-import";
        boolean sawPaused = false;
        for (int round = 0; round < 60; round++) {
            engine.reconcile(ref);
            for (String c : f.hub().workClusters(ref)) {
                ClusterRow row = f.hub().work(ref, c).get().row();
                boolean upgrading = row.action() == Action.UPGRADE && row.state() == RowState.IN_PROGRESS;
                assertThat(f.hub().annotations(c).containsKey(key)).as("%s at round %d", row, round)
                        .isEqualTo(upgrading);
                sawPaused |= upgrading;
            }
            f.tick();
            f.clock().advance(TICK);
        }
        assertThat(sawPaused).isTrue();
        assertThat(rows(f, ref)).allMatch(r -> r.completedActions().contains(Action.UPGRADE));
    }

    @Test
    void the_ibgus_lca_annotations_reach_each_spokes_ibu_and_no_other() {
        SimulatedFleet f = fleet(2);
        IbguRef ref = f.hub().create(ibgu(step(strategy(2), Action.PREP)),
                java.util.Map.of("lca.openshift.io/target-ocp-version-manifest-count", "5", "team", "ran"));
        f.engine().reconcile(ref);
        assertThat(f.hub().work(ref, "sno-00").get().ibuAnnotations().toJavaMap())
                .containsExactly(java.util.Map.entry("lca.openshift.io/target-ocp-version-manifest-count", "5"));
    }
}
