package dev.ibu.agent.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.agent.controller.WorkQueue;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.fleet.Action;
import dev.ibu.domain.fleet.ImageBasedGroupUpgrade;
import dev.ibu.domain.fleet.LabelSelector;
import dev.ibu.domain.fleet.PlanItem;
import dev.ibu.domain.fleet.RolloutStrategy;
import dev.ibu.ports.fleet.HubPass;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.fleet.SimulatedFleet;
import dev.ibu.ports.testkit.fleet.SpokeScript;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The hub's queue discipline: conflicts at once, failures back off, wake times honoured, deletions dropped. */
class HubLoopTest {
    private final SimulatedFleet fleet = new SimulatedFleet();
    private final Clock clock = Clock.fixed(fleet.clock().now(), ZoneOffset.UTC);

    private IbguRef ibgu() {
        for (int i = 0; i < 3; i++) {
            fleet.addSpoke("sno-" + i, Map.of("env", "lab"), SpokeScript.ok(2));
        }
        Spec spec = new Spec(Stage.IDLE, new SeedImageRef("4.21.0", "quay.io/seed/image:4.21.0", Option.none()),
                List.empty(), List.empty(), Option.none());
        return fleet.hub().create(new ImageBasedGroupUpgrade("fleet", "g", spec,
                List.of(LabelSelector.labels(TreeMap.of("env", "lab"))),
                List.of(PlanItem.of(RolloutStrategy.talm(3, Duration.ofMinutes(30)), Action.PREP)), null));
    }

    @Test
    void a_pass_waits_for_a_watch_event_or_its_wake_time_and_the_rollout_finishes_through_the_queue() throws Exception {
        IbguRef ref = ibgu();
        WorkQueue queue = new WorkQueue(clock);
        HubLoop loop = new HubLoop(fleet.engine()::reconcile, queue, clock, Duration.ofMinutes(5));
        String key = HubLoop.key(ref);
        assertThat(HubLoop.ref(key)).isEqualTo(ref);
        queue.add(key);
        String k = queue.take().get();
        loop.process(k);
        queue.done(k);
        // no polling: with spokes in flight and no watch event, the key waits for the step's timeout (30 min)
        assertThat(queue.stats().depth()).isZero();
        for (int round = 0; round < 20; round++) {
            fleet.tick();
            queue.add(key); // what the ManifestWork watch does when a work agent reports
            k = queue.take().get();
            loop.process(k);
            queue.done(k);
        }
        assertThat(fleet.hub().status(ref).get().rollout().step()).isEqualTo(1);
        assertThat(queue.stats().depth()).isZero(); // delayed, not ready: done, it comes back at the resync
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void a_conflict_is_read_again_at_once_and_other_failures_back_off() {
        WorkQueue queue = new WorkQueue(clock);
        AtomicInteger calls = new AtomicInteger();
        HubLoop conflict = new HubLoop(r -> {
            calls.incrementAndGet();
            return Either.left(PortFailure.conflict("stale"));
        }, queue, clock, Duration.ofMinutes(5));
        conflict.process("fleet/g");
        assertThat(queue.stats().depth()).isEqualTo(1);

        WorkQueue q2 = new WorkQueue(clock);
        HubLoop failing = new HubLoop(r -> Either.left(PortFailure.transientFailure("API down")), q2, clock,
                Duration.ofMinutes(5));
        failing.process("fleet/g");
        assertThat(q2.stats().depth()).isZero();
        assertThat(q2.size()).isEqualTo(1);
    }

    @Test
    void a_deleted_ibgu_is_not_queued_again() {
        WorkQueue queue = new WorkQueue(clock);
        HubLoop loop = new HubLoop(r -> Either.right(new HubPass(Option.none(), Option.none(), 0, 0, false)), queue,
                clock, Duration.ofMillis(1));
        loop.process("fleet/gone");
        assertThat(queue.size()).isZero();
        HubLoop live = new HubLoop(fleet.engine()::reconcile, queue, clock, Duration.ofMillis(1));
        IbguRef ref = ibgu();
        live.process(HubLoop.key(ref));
        assertThat(fleet.hub().workClusters(ref)).hasSize(3);
    }
}
