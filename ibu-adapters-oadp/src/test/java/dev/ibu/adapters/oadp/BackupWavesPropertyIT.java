package dev.ibu.adapters.oadp;

import dev.ibu.apiserver.Fault;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random interleavings of backup passes, Velero progress, agent restarts (a new adapter) and API outages: a wave
 * never starts before the previous one completed, no Backup is ever replaced (its uid is stable), and once the API
 * is back the backups finish. One API server for all examples; each example starts from an empty Velero.
 */
class BackupWavesPropertyIT {
    private static final Map<String, Long> WAVES = Map.of("w1-a", 1L, "w1-b", 1L, "w2", 2L, "w3", 3L);
    private static OadpWorld world;
    /** Faults hit only the adapter's requests, not Velero's or the invariant checks. */
    private static final java.util.concurrent.atomic.AtomicBoolean ADAPTER_TURN = new java.util.concurrent.atomic.AtomicBoolean();
    private static ConfigMapRef ref;

    @BeforeAll
    static void start() {
        world = OadpWorld.standard();
        ref = world.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                Docs.backup("w1-a", "1"), Docs.backup("w1-b", "1"), Docs.backup("w2", "2"), Docs.backup("w3", "3"))));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void waves_keep_their_order_through_restarts_and_outages() {
        qt().withExamples(20).withShrinkCycles(10).forAll(lists().of(integers().between(0, 4)).ofSizeBetween(1, 25))
                .checkAssert(steps -> run(steps, false));
    }

    @Test
    void canary_a_wave_started_early_is_caught() {
        assertThatThrownBy(() -> run(java.util.List.of(0, 1), true)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("started before wave");
    }

    private static void run(java.util.List<Integer> steps, boolean rogueEarlyWave) {
        reset();
        OadpBackupAdapter adapter = world.adapter;
        Map<String, String> uids = new HashMap<>();
        Fault fault = null;
        for (int step : steps) {
            switch (step) {
                case 0 -> pass(adapter);
                case 1 -> world.velero.tick();
                case 2 -> adapter = world.adapter(world.clock, OadpWorld.FAST, d -> { });
                case 3 -> fault = toggle(fault);
                default -> {
                    world.velero.tick();
                    pass(adapter);
                }
            }
            if (rogueEarlyWave) {
                world.create(VeleroKinds.BACKUP, OadpWorld.resource(VeleroKinds.BACKUP, "w3", OadpWorld.NS,
                        Map.of("spec", Map.of())));
                rogueEarlyWave = false;
            }
            checkInvariants(uids);
        }
        world.cluster.clearFaults();
        OadpBackupAdapter last = adapter;
        Either<PortFailure, WorkProgress> end = Drive.until(() -> last.backup(List.of(ref)), world.velero::tick, 40).last();
        assertThat(end.get()).as("after %s", steps).isInstanceOf(WorkProgress.Done.class);
        checkInvariants(uids);
    }

    private static void pass(OadpBackupAdapter adapter) {
        ADAPTER_TURN.set(true);
        try {
            adapter.backup(List.of(ref));
        } finally {
            ADAPTER_TURN.set(false);
        }
    }

    private static Fault toggle(Fault fault) {
        if (fault != null) {
            world.cluster.clearFaults();
            return null;
        }
        return world.cluster.inject(q -> ADAPTER_TURN.get() && q.path().contains("/backups"), 503, "apiserver unavailable");
    }

    private static void checkInvariants(Map<String, String> uids) {
        java.util.List<GenericKubernetesResource> backups = world.list(VeleroKinds.BACKUP);
        Map<String, String> phases = new HashMap<>();
        for (GenericKubernetesResource b : backups) {
            String name = b.getMetadata().getName();
            phases.put(name, VeleroResources.phase(b));
            String seen = uids.putIfAbsent(name, b.getMetadata().getUid());
            assertThat(seen == null || seen.equals(b.getMetadata().getUid())).as("Backup %s was replaced", name).isTrue();
        }
        for (String name : phases.keySet()) {
            long wave = WAVES.get(name);
            WAVES.forEach((other, w) -> assertThat(w >= wave || "Completed".equals(phases.get(other)))
                    .as("%s (wave %d) started before wave %d finished (%s: %s)", name, wave, w, other, phases.get(other))
                    .isTrue());
        }
    }

    private static void reset() {
        world.cluster.clearFaults();
        // an empty bucket too, or Velero would sync the previous example's Backups back (see the report)
        world.store.clear();
        for (GenericKubernetesResource b : world.list(VeleroKinds.BACKUP)) {
            world.client().genericKubernetesResources(VeleroKinds.BACKUP).inNamespace(b.getMetadata().getNamespace())
                    .withName(b.getMetadata().getName()).delete();
        }
    }
}
