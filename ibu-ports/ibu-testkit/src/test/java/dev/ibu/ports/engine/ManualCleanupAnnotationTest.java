package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.Op;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Issue 11: the manual-cleanup-done annotation is never lost. The agent is killed at each write to the resource
 * (before it, or right after it took effect) in the pass that takes the annotation; a fresh agent then finishes the
 * cleanup without the administrator having to annotate again.
 */
class ManualCleanupAnnotationTest {
    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm", "openshift-adp");
    static final String ORIGINAL = "rhcos_4.14.0";
    /** More than the writes of that pass (status, annotation, status): the later points kill nothing. */
    static final int WRITES = 4;

    static Stream<Arguments> killPoints() {
        return Stream.of("abort", "finalize").flatMap(flow -> IntStream.rangeClosed(1, WRITES).boxed()
                .flatMap(n -> Stream.of(Arguments.of(flow, n, "before"), Arguments.of(flow, n, "after"))));
    }

    /** The agent's process dies: nothing after this point of the pass happens. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed", null, false, false);
        }
    }

    @ParameterizedTest(name = "{0}: killed {2} write {1}")
    @MethodSource("killPoints")
    void a_kill_at_any_write_never_loses_the_annotation(String flow, int killAt, String when) {
        boolean afterEffect = when.equals("after");
        TestWorld world = TestWorld.fresh();
        EngineHarness h = failedCleanupWaitingForTheAnnotation(world, flow.equals("finalize"), true);
        world.cluster().annotate(Annotations.MANUAL_CLEANUP_DONE, "");

        int[] writes = {0};
        EngineHarness doomed = new EngineHarness(world, p -> new EnginePorts(killing(p.resource(), writes, killAt,
                afterEffect), p.configMaps(), p.pullSecrets(), p.health(), p.clusterInfo(), p.extraManifests(),
                p.backups(), p.seedImages(), p.stateroots(), p.precache(), p.reboot(), p.stateStore(),
                p.certificates(), p.events(), p.clock()));
        try {
            doomed.reconcile();
        } catch (Killed expected) {
            // the pod is gone; a new one starts on the same cluster and host
        }
        h.restartAgent();
        h.settle();

        assertThat(Snapshot.conditions(h.ibu())).as("writes before the kill: " + writes[0])
                .containsExactly("Idle True Idle \"Idle\"");
        assertThat(h.ibu().metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE))
                .as("seen once, then removed").isFalse();
        assertThat(world.host().staterootNames()).containsExactly(flow.equals("finalize") ? world.newStateroot()
                : ORIGINAL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void without_the_annotation_a_failed_cleanup_waits_and_with_it_retries_once(String flow) {
        TestWorld world = TestWorld.fresh();
        EngineHarness h = failedCleanupWaitingForTheAnnotation(world, flow.equals("finalize"), false);
        var waiting = h.reconcile();
        assertThat(waiting.requeueAfter()).contains(java.time.Duration.ofMinutes(5));
        // the fault is still there: the retry fails again and waits for a second annotation
        world.cluster().annotate(Annotations.MANUAL_CLEANUP_DONE, "");
        h.settle();
        assertThat(Snapshot.last(h.ibu())).contains(flow.equals("finalize") ? "FinalizeFailed" : "AbortFailed");
        assertThat(h.ibu().metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE)).isFalse();
    }

    static Stream<String> flows() {
        return Stream.of("abort", "finalize");
    }

    @org.junit.jupiter.api.Test
    void canary_the_killing_port_does_kill() {
        TestWorld world = TestWorld.fresh();
        EngineHarness h = new EngineHarness(world);
        h.settle();
        int[] writes = {0};
        IbuResourcePort port = killing(world.cluster(), writes, 1, true);
        assertThatThrownBy(() -> port.setAnnotation("k", Option.some("v"))).isInstanceOf(Killed.class);
        assertThat(world.cluster().currentIbu().metadata().hasAnnotation("k")).as("after its effect").isTrue();
    }

    /** AbortFailed (S3 outage) or FinalizeFailed (stateroot busy), the fault then healed or not. */
    private static EngineHarness failedCleanupWaitingForTheAnnotation(TestWorld world, boolean finalize,
                                                                     boolean heal) {
        world.cluster().putConfigMap(OADP, Samples.pairedOadpContent("apps", "apps"));
        EngineHarness h = new EngineHarness(world);
        h.settle();
        if (!finalize) {
            world.cluster().patchSpec(s -> new Spec(s.stage(), s.seedImageRef(), List.of(OADP), List.empty(),
                    Option.none()));
        }
        world.requestPrep();
        h.settle();
        if (finalize) {
            h.request(Stage.UPGRADE);
            h.settle();
            h.completeReboot();
            h.settle();
            world.faults().failAlways(Op.STATEROOT_REMOVE, PortFailure.terminal("device busy"));
        } else {
            world.velero().loseS3(true);
        }
        h.request(Stage.IDLE);
        h.settle();
        assertThat(Snapshot.last(h.ibu())).contains(finalize ? "FinalizeFailed" : "AbortFailed");
        if (heal) {
            world.velero().loseS3(false);
            world.faults().clear(Op.STATEROOT_REMOVE);
        }
        return h;
    }

    /** The resource port, dying at its {@code killAt}-th write (status or annotation), before or after its effect. */
    private static IbuResourcePort killing(IbuResourcePort real, int[] writes, int killAt, boolean afterEffect) {
        return new IbuResourcePort() {
            public Either<PortFailure, Option<ImageBasedUpgrade>> read() {
                return real.read();
            }

            public Either<PortFailure, ImageBasedUpgrade> create(ImageBasedUpgrade ibu) {
                return real.create(ibu);
            }

            public Either<PortFailure, Void> delete() {
                return real.delete();
            }

            public Either<PortFailure, ImageBasedUpgrade> writeStatus(ImageBasedUpgrade ibu) {
                return write(() -> real.writeStatus(ibu));
            }

            public Either<PortFailure, ImageBasedUpgrade> setAnnotation(String key, Option<String> value) {
                return write(() -> real.setAnnotation(key, value));
            }

            private <T> T write(Supplier<T> call) {
                if (++writes[0] != killAt) {
                    return call.get();
                }
                if (afterEffect) {
                    call.get();
                }
                throw new Killed();
            }
        };
    }
}
