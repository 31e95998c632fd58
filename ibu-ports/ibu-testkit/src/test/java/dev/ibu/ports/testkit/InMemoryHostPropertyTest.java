package dev.ibu.ports.testkit;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random sequences of host operations (setup, tick, set default, reboot, power cycle, remove, save) keep the host
 * sane: exactly one booted deployment, never removed; every deployment's stateroot has its directory; a saved IBU
 * stays loadable until its stateroot is removed. A canary shows the invariant check rejects a broken host status.
 */
class InMemoryHostPropertyTest {
    static final List<String> VERSIONS = List.of("4.14.0", "4.15.2", "4.16.0");
    static final AutoRollbackConfig CONFIG = new AutoRollbackConfig(true, 1800, true, true);
    static final int OPS = 8;

    @Test
    void random_operations_keep_the_host_invariants() {
        Set<Integer> opsSeen = new HashSet<>();
        qt().withExamples(300).forAll(lists().of(integers().between(0, OPS * VERSIONS.size() - 1))
                .ofSizeBetween(1, 40)).checkAssert(steps -> run(steps, opsSeen));
        assertThat(opsSeen).as("every operation was exercised").hasSize(OPS);
    }

    private static void run(java.util.List<Integer> steps, Set<Integer> opsSeen) {
        TestWorld world = TestWorld.fresh();
        InMemoryHost host = world.host();
        java.util.Map<String, ImageBasedUpgrade> saved = new java.util.HashMap<>();
        for (int step : steps) {
            int op = step % OPS;
            String version = VERSIONS.get(step / OPS);
            String sr = "rhcos_" + version;
            opsSeen.add(op);
            switch (op) {
                case 0 -> host.startSetup(new StaterootSetup(sr, version, world.seed().image(), Option.none(), CONFIG));
                case 1 -> world.tick();
                case 2 -> host.setDefault(sr);
                case 3 -> {
                    host.reboot("upgrade");
                    world.completeReboot();
                }
                case 4 -> world.powerCycle();
                case 5 -> {
                    boolean booted = host.bootedStateroot().equals(sr);
                    var removed = host.remove(sr);
                    assertThat(removed.isLeft()).as("remove(%s) refused iff booted", sr).isEqualTo(booted);
                    if (booted) {
                        assertThat(removed.getLeft()).isInstanceOf(PortFailure.Invalid.class);
                    } else {
                        saved.remove(sr);
                    }
                }
                case 6 -> {
                    ImageBasedUpgrade ibu = ImageBasedUpgrade.fresh().withMetadata(
                            ImageBasedUpgrade.fresh().metadata().withGeneration(step));
                    if (host.saveIbu(sr, ibu).isRight()) {
                        saved.put(sr, ibu);
                    }
                }
                default -> {
                    if (host.initMonitorArmed()) {
                        String bootedBefore = host.bootedStateroot();
                        String message = world.fireInitMonitor();
                        if (host.bootedStateroot().equals(bootedBefore)) {
                            break;  // nothing to go back to (e.g. a setup replaced the original): no rollback
                        }
                        // the rollback marks the IBU saved in the stateroot it went back to
                        saved.computeIfPresent(host.bootedStateroot(), (s, ibu) -> {
                            ImageBasedUpgrade marked = host.savedIbu(s).get();
                            assertThat(marked.status().conditions().find("UpgradeInProgress").get().message())
                                    .isEqualTo(message);
                            return marked;
                        });
                    }
                }
            }
            saved.keySet().removeIf(s -> !host.staterootNames().contains(s));
            check(host.hostStatus(), host.staterootNames());
            saved.forEach((s, ibu) -> assertThat(host.savedIbu(s)).isEqualTo(Option.some(ibu)));
        }
    }

    static void check(HostStatus status, List<String> dirs) {
        assertThat(status.deployments().filter(Deployment::booted)).as("one booted deployment").hasSize(1);
        assertThat(status.deployments().map(Deployment::index)).as("indices 0..n-1")
                .containsExactlyElementsOf(List.range(0, status.deployments().size()));
        assertThat(dirs).as("every deployed stateroot has its directory").containsAll(status.staterootNames());
    }

    @Test
    void canary_the_invariant_check_rejects_two_booted_deployments() {
        HostStatus broken = new HostStatus(List.of(new Deployment(0, "a", "c", 0, true),
                new Deployment(1, "b", "c", 1, true)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check(broken, List.of("a", "b")))
                .isInstanceOf(AssertionError.class);
    }
}
