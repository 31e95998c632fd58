package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.testkit.Op;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.util.function.Consumer;

/**
 * The main scenarios of issue 11 (plus the automatic rollback), each a given state (built without kills) and a
 * script of what the administrator and the node do. Only {@link Step#crashable} steps run the engine; the others act on the world (a {@code oc patch},
 * an annotation, a fault healed), which a dead agent cannot interrupt.
 */
enum CrashScenario {
    PREP("Prep to completion", CrashScenario::idleWithOadp,
            List.of(Step.requestPrep(), Step.settle())),
    UPGRADE("Upgrade through the pivot to Idle", CrashScenario::prepared,
            List.of(Step.request(Stage.UPGRADE), Step.settle(), Step.reboot(), Step.settle(),
                    Step.request(Stage.IDLE), Step.settle())),
    ROLLBACK("Rollback after the upgrade, then Idle", CrashScenario::upgraded,
            List.of(Step.request(Stage.ROLLBACK), Step.settle(), Step.reboot(), Step.settle(),
                    Step.request(Stage.IDLE), Step.settle())),
    FINALIZE_FAILED("FinalizeFailed, then manual-cleanup-done", CrashScenario::upgradedWithABusyStateroot,
            List.of(Step.request(Stage.IDLE), Step.settleUntilStuck(), Step.adminSees("Idle False FinalizeFailed"),
                    Step.healRemovals(), Step.annotateManualCleanupDone(), Step.settle())),
    ABORT("Abort after Prep", CrashScenario::prepared,
            List.of(Step.request(Stage.IDLE), Step.settle())),
    AUTO_ROLLBACK("A failed restore rolls back by itself, then abort", CrashScenario::preparedWithAFailingRestore,
            List.of(Step.request(Stage.UPGRADE), Step.settle(), Step.reboot(), Step.settle(), Step.reboot(),
                    Step.settle(), Step.request(Stage.IDLE), Step.settle()));

    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm", "openshift-adp");
    static final ConfigMapRef EXTRA = new ConfigMapRef("extra-manifests", "openshift-lifecycle-agent");

    final String title;
    final Consumer<CrashRun> given;
    final List<Step> script;

    CrashScenario(String title, Consumer<CrashRun> given, List<Step> script) {
        this.title = title;
        this.given = given;
        this.script = script;
    }

    /**
     * One step of a script. {@code checkpoint}: the state after it is compared with the uninterrupted run's (after
     * each settle, where the engine has nothing more to do: what the administrator sees and acts on; not right after
     * a reboot, which a power loss may have done earlier, so that the engine went on further).
     */
    record Step(String name, boolean crashable, boolean checkpoint, Consumer<CrashRun> body) {
        static Step requestPrep() {
            return new Step("request Prep", false, false, r -> r.world.requestPrep());
        }

        static Step request(Stage stage) {
            return new Step("request " + stage.wireName(), false, false, r -> r.world.requestStage(stage));
        }

        /** The engine runs until it has nothing to do or a reboot is pending. */
        static Step settle() {
            return new Step("settle", true, true, r -> r.h.settle());
        }

        /**
         * As {@link #settle()}, but also stops once the engine waits for the administrator (AbortFailed or
         * FinalizeFailed: it looks again every few minutes, for ever, until the annotation comes).
         */
        static Step settleUntilStuck() {
            return new Step("settle until a person must act", true, true, r -> {
                for (int i = 0; i < 200 && !waitsForAPerson(r); i++) {
                    var last = r.h.reconcile();
                    if (r.world.host().rebootPending()) {
                        return;
                    }
                    if (last.error().isDefined()) {
                        r.world.tick(EngineHarness.BACKOFF);
                    } else if (last.requeueAfter().isDefined()) {
                        r.world.tick(last.requeueAfter().get());
                    } else {
                        return;
                    }
                }
            });
        }

        private static boolean waitsForAPerson(CrashRun r) {
            String last = Snapshot.last(r.h.ibu());
            return last.startsWith("Idle False FinalizeFailed") || last.startsWith("Idle False AbortFailed");
        }

        /** The node reboots when the engine asked for it (a power loss may have rebooted it already). */
        static Step reboot() {
            return new Step("reboot", true, false, r -> {
                if (r.world.host().rebootPending()) {
                    r.h.completeReboot();
                }
            });
        }

        /** The administrator acts only on what the CR shows: a run that shows something else is wrong. */
        static Step adminSees(String lastCondition) {
            return new Step("admin sees " + lastCondition, false, false, r -> {
                String last = Snapshot.last(r.h.ibu());
                if (!last.startsWith(lastCondition)) {
                    throw new AssertionError("the administrator waits for '" + lastCondition + "' but the CR "
                            + "shows:\n" + Snapshot.all(r.h.ibu()));
                }
            });
        }

        static Step healRemovals() {
            return new Step("the busy stateroot is freed", false, false,
                    r -> r.world.faults().clear(Op.STATEROOT_REMOVE));
        }

        static Step annotateManualCleanupDone() {
            return new Step("annotate manual-cleanup-done", false, false, r -> {
                r.world.cluster().annotate(Annotations.MANUAL_CLEANUP_DONE, "");
                r.annotationAwaitingTake = true;
            });
        }

        @Override
        public String toString() {
            return name;
        }
    }

    // ---- given states ---------------------------------------------------------------------------------------------

    /**
     * The agent started, the IBU is Idle and names an OADP ConfigMap with one Backup and its Restore, and an
     * extra-manifests ConfigMap with two ConfigMaps in two waves (exported before the pivot, applied after it).
     */
    static void idleWithOadp(CrashRun r) {
        r.world.cluster().putConfigMap(OADP, Samples.pairedOadpContent("apps", "apps"));
        r.world.cluster().putConfigMap(EXTRA, java.util.Map.of("a.yaml", Samples.configMapYaml("app-config", "default",
                "1"), "b.yaml", Samples.configMapYaml("app-settings", "default", "2")));
        r.h.settle();
        r.world.cluster().patchSpec(s -> new Spec(s.stage(), s.seedImageRef(), List.of(OADP), List.of(EXTRA),
                Option.none()));
    }

    static void prepared(CrashRun r) {
        idleWithOadp(r);
        r.world.requestPrep();
        r.h.settle();
        expect(r, "PrepCompleted True Completed");
    }

    static void preparedWithAFailingRestore(CrashRun r) {
        prepared(r);
        r.world.velero().failRestore("apps");
    }

    static void upgraded(CrashRun r) {
        prepared(r);
        r.world.requestStage(Stage.UPGRADE);
        r.h.settle();
        r.h.completeReboot();
        r.h.settle();
        expect(r, "UpgradeCompleted True Completed");
    }

    static void upgradedWithABusyStateroot(CrashRun r) {
        upgraded(r);
        r.world.faults().failAlways(Op.STATEROOT_REMOVE, PortFailure.terminal("device busy"));
    }

    private static void expect(CrashRun r, String last) {
        if (!Snapshot.last(r.h.ibu()).startsWith(last)) {
            throw new IllegalStateException("the given state is not reached: " + Snapshot.all(r.h.ibu()));
        }
    }

    /** The same fresh world for every run (deterministic: a manual clock, jobs and Velero paced by ticks). */
    static TestWorld world() {
        return TestWorld.fresh();
    }
}
