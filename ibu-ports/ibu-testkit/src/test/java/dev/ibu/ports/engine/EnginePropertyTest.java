package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConditionPredicates;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageMachine;
import dev.ibu.ports.contract.Samples;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.testkit.Op;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.quicktheories.core.Gen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Random runs of user requests, port failures, agent restarts, reboots and init-monitor timeouts against the engine
 * over the in-memory world, with the invariants of issue 3 checked after every step.
 */
class EnginePropertyTest {
    static final ConfigMapRef OADP = new ConfigMapRef("oadp-cm", "openshift-adp");
    static final String ORIGINAL = "rhcos_4.14.0";
    static final int RUNS = Integer.getInteger("ibu.engineRuns", 10_000);
    private static final java.util.List<String> TRANSIENT_OPS = java.util.List.of(Op.IBU_WRITE_STATUS, Op.IBU_READ,
            Op.STATEROOT_STATUS, Op.STATE_SAVE_IBU, Op.STATE_SAVE_BUNDLE, Op.STATEROOT_SET_DEFAULT, Op.BACKUP_BACKUP,
            Op.BACKUP_RESTORE, Op.HEALTH_CHECK, Op.PRECACHE_STATUS, Op.STATE_LOAD_BUNDLE, Op.SEED_INSPECT);

    /** One step of a run: what happens, and a number it may use. */
    record Action(int kind, int arg) {
        @Override
        public String toString() {
            return KINDS[kind] + "(" + arg + ")";
        }
    }

    static final String[] KINDS = {"requestValid", "requestValid", "requestValid", "requestAny", "settle", "settle",
        "settle", "reconcileOnce", "reboot", "reboot", "restartAgent", "transientFault", "s3Outage", "removeFault",
        "initMonitor", "manualCleanup", "unhealthy", "failBackupOrRestore"};

    static Gen<java.util.List<Action>> runs() {
        Gen<Action> action = integers().between(0, KINDS.length - 1).zip(integers().between(0, 99), Action::new);
        return lists().of(action).ofSizeBetween(5, 45);
    }

    private final Map<String, AtomicInteger> coverage = new ConcurrentHashMap<>();
    private boolean finalizingInThisRun;
    private static ch.qos.logback.classic.Level engineLevel;

    /** Ten thousand runs: only the engine's errors are logged while the property runs (as CrashAtEveryPortCallTest). */
    @BeforeAll
    static void quiet() {
        var logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.ibu.ports");
        engineLevel = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    @AfterAll
    static void loud() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.ibu.ports")).setLevel(engineLevel);
    }

    @Test
    void invariants_hold_after_every_step_of_random_runs() {
        long start = System.nanoTime();
        qt().withExamples(RUNS).withShrinkCycles(200).forAll(runs()).checkAssert(run -> play(run, UnaryOperator.identity()));
        double seconds = (System.nanoTime() - start) / 1e9;
        // a figure for the benchmark (issue 16), never asserted on
        System.out.printf("figure: EnginePropertyTest %d generated runs in %.1f s (%.0f runs/s)%n", RUNS, seconds,
                RUNS / seconds);
        // the generated runs reached the rare places, or the property proved little
        System.out.println("EnginePropertyTest coverage (steps that showed each state; runs = generated runs): " + coverage);
        assertThat(count("upgradeCompleted")).as("Upgrade completed").isGreaterThan(20);
        assertThat(count("rollbackCompleted")).as("Rollback completed").isGreaterThan(5);
        assertThat(count("autoRollback")).as("automatic rollback").isGreaterThan(5);
        assertThat(count("finalized")).as("finalize").isGreaterThan(5);
        assertThat(count("abortFailed")).as("AbortFailed").isGreaterThan(5);
        assertThat(count("finalizeFailed")).as("FinalizeFailed").isGreaterThan(1);
    }

    @Test
    void canary_a_dropped_state_store_write_is_caught() {
        // mutant: the IBU saved into the new stateroot before the pivot silently goes nowhere
        UnaryOperator<EnginePorts> dropSaves = p -> new EnginePorts(p.resource(), p.configMaps(), p.pullSecrets(),
                p.health(), p.clusterInfo(), p.extraManifests(), p.backups(), p.seedImages(), p.stateroots(),
                p.precache(), p.reboot(), droppingIbuSaves(p.stateStore()), p.certificates(), p.events(), p.clock(),
                p.clusterConfig(), p.clusterConfigFiles());
        assertThatThrownBy(() -> qt().withExamples(300).withShrinkCycles(20).forAll(runs())
                .checkAssert(run -> play(run, dropSaves)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("state store holds the IBU the post-pivot needs");
    }

    private void play(java.util.List<Action> run, UnaryOperator<EnginePorts> mutate) {
        finalizingInThisRun = false;
        bump("runs");
        TestWorld world = TestWorld.fresh();
        world.cluster().putConfigMap(OADP, Samples.pairedOadpContent("apps", "apps"));
        EngineHarness h = new EngineHarness(world, mutate);
        h.settle(20);
        world.cluster().patchSpec(s -> new Spec(s.stage(), world.seedImageRef(), List.of(OADP), List.empty(),
                Option.none()));
        boolean unhealthy = false;
        for (Action a : run) {
            boolean afterPivotBefore = world.host().bootedStateroot().equals(world.newStateroot());
            int violationsBefore = world.velero().violations().size();
            step(h, world, a);
            String kind = KINDS[a.kind()];
            check(h, world, run, (kind.equals("settle") || kind.equals("reconcileOnce"))
                    && !world.host().rebootPending(), afterPivotBefore, violationsBefore);
            if (KINDS[a.kind()].equals("unhealthy")) {
                unhealthy = !unhealthy;
            }
        }
    }

    private void step(EngineHarness h, TestWorld world, Action a) {
        ImageBasedUpgrade ibu = h.ibu();
        switch (KINDS[a.kind()]) {
            case "requestValid": {
                List<Stage> valid = ibu.status().validNextStages();
                if (!valid.isEmpty()) {
                    request(h, world, valid.get(a.arg() % valid.size()));
                    if (a.arg() % 3 != 0) {
                        h.settle(60);  // usually the administrator then waits for the stage to finish
                    }
                }
                break;
            }
            case "requestAny":
                request(h, world, Stage.values()[a.arg() % 4]);
                break;
            case "settle":
                h.settle(60);
                break;
            case "reconcileOnce":
                h.reconcile();
                break;
            case "reboot":
                if (world.host().rebootPending()) {
                    h.completeReboot();
                }
                break;
            case "restartAgent":
                h.restartAgent();
                break;
            case "transientFault":
                world.faults().failOnce(TRANSIENT_OPS.get(a.arg() % TRANSIENT_OPS.size()),
                        PortFailure.transientFailure("injected"));
                break;
            case "s3Outage":
                world.velero().loseS3(a.arg() % 4 == 0);  // mostly heals: outages are rare
                break;
            case "removeFault":
                if (a.arg() % 4 == 0) {
                    world.faults().failAlways(Op.STATEROOT_REMOVE, PortFailure.terminal("device busy"));
                } else {
                    world.faults().clear(Op.STATEROOT_REMOVE);
                }
                break;
            case "initMonitor":
                if (world.host().initMonitorArmed() && !world.host().rebootPending()) {
                    world.fireInitMonitor();
                    h.restartAgent();
                    bump("autoRollback");
                }
                break;
            case "manualCleanup":
                world.cluster().annotate(Annotations.MANUAL_CLEANUP_DONE, "");
                break;
            case "unhealthy":
                if (a.arg() % 4 == 0) {
                    world.cluster().setHealth(HealthCheckSet.MANDATORY, "one or more ClusterOperators not yet "
                            + "ready: authentication");
                } else {
                    world.cluster().setHealthy();
                }
                break;
            default:
                if (a.arg() % 2 == 0) {
                    world.velero().failBackup("apps");
                } else {
                    world.velero().failRestore("apps");
                }
        }
        var before = ibu.status().conditions();
        if (ConditionPredicates.completed(before, Stage.UPGRADE) || ConditionPredicates.completed(before, Stage.ROLLBACK)) {
            finalizingInThisRun = true;
        }
        note(h.ibu());
    }

    private static void request(EngineHarness h, TestWorld world, Stage stage) {
        if (stage == Stage.PREP) {
            world.requestPrep();
        } else {
            world.requestStage(stage);
        }
    }

    private void note(ImageBasedUpgrade ibu) {
        var c = ibu.status().conditions();
        if (ConditionPredicates.completed(c, Stage.UPGRADE)) {
            bump("upgradeCompleted");
        }
        if (ConditionPredicates.completed(c, Stage.ROLLBACK)) {
            bump("rollbackCompleted");
        }
        c.find("UpgradeInProgress").filter(x -> x.message().startsWith("Rollback due to"))
                .forEach(x -> bump("autoRollback"));
        c.find("Idle").forEach(x -> {
            if (x.reason().equals("AbortFailed")) {
                bump("abortFailed");
            }
            if (x.reason().equals("FinalizeFailed")) {
                bump("finalizeFailed");
            }
            if (x.reason().equals("Finalizing") || x.reason().equals("FinalizeFailed")) {
                finalizingInThisRun = true;
            }
        });
        if (finalizingInThisRun && ConditionPredicates.completed(c, Stage.IDLE)) {
            bump("finalized");
            finalizingInThisRun = false;
        }
    }

    private void check(EngineHarness h, TestWorld world, java.util.List<Action> run, boolean lastWasPass,
                       boolean afterPivotBefore, int violationsBefore) {
        ImageBasedUpgrade ibu = h.ibu();
        String booted = world.host().bootedStateroot();
        // the context is only written out when an assertion fails: building it every step cost more than the step
        java.util.function.Supplier<String> ctx = () -> "run " + run + "\nconditions:\n" + Snapshot.all(ibu);
        assertThat(world.host().staterootNames()).as(lazy(() -> "the booted stateroot is never removed; " + ctx.get()))
                .contains(booted);
        String newSr = world.newStateroot();
        if (world.host().rebootPending() && world.host().defaultStateroot().equals(newSr)) {
            assertThat(world.velero().backupPhases().values()).as(lazy(() -> "every backup Completed before the pivot; " + ctx.get()))
                    .allMatch("Completed"::equals);
            assertThat(world.host().savedIbu(newSr).isDefined())
                    .as(lazy(() -> "the state store holds the IBU the post-pivot needs; " + ctx.get())).isTrue();
        }
        ibu.status().conditions().items()
                .filter(x -> x.reason().endsWith("Failed") || x.reason().equals("InvalidTransition"))
                .forEach(x -> assertThat(x.message()).as(lazy(() -> "a failure says what failed; " + ctx.get())).isNotBlank());
        if (ConditionPredicates.completed(ibu.status().conditions(), Stage.ROLLBACK)) {
            assertThat(booted).as(lazy(() -> "after a rollback the original stateroot is booted; " + ctx.get())).isEqualTo(ORIGINAL);
            assertThat(world.host().defaultStateroot()).as(lazy(() -> "and is the default; " + ctx.get())).isEqualTo(ORIGINAL);
        }
        if (ConditionPredicates.completed(ibu.status().conditions(), Stage.IDLE) && h.results.size() > 1
                && !world.host().rebootPending()) {
            assertThat(world.host().staterootNames()).as(lazy(() -> "Idle leaves only the booted stateroot; " + ctx.get()))
                    .containsExactly(booted);
            assertThat(world.precache().peek().state()).as(lazy(() -> "Idle leaves no precache; " + ctx.get()))
                    .isInstanceOf(JobState.NotStarted.class);
        }
        // restores are needed while the node runs the new stateroot; once it is back in the original one (rollback,
        // automatic or not) the applications never left it, and abort may delete the backups
        if (afterPivotBefore) {
            assertThat(world.velero().violations().drop(violationsBefore))
                    .as(lazy(() -> "nothing a restore still needs is deleted; " + ctx.get())).isEmpty();
        }
        boolean afterPivot = booted.equals(newSr);
        // the list is written at the end of every pass: compare right after a pass that ended normally
        if (lastWasPass && !h.results.isEmpty()) {
            var last = h.results.get(h.results.size() - 1);
            if (last.error().isEmpty() && !last.requeueAfter().contains(java.time.Duration.ZERO)) {
                assertThat(ibu.status().validNextStages()).as(lazy(() -> "validNextStages agrees with the domain; " + ctx.get()))
                        .isEqualTo(StageMachine.validNextStages(ibu.status().conditions(), ibu.spec().stage(),
                                afterPivot));
            }
        }
    }

    private static StateStorePort droppingIbuSaves(StateStorePort real) {
        return new StateStorePort() {
            public io.vavr.control.Either<PortFailure, Void> saveIbu(String s, ImageBasedUpgrade i) {
                return s.startsWith("rhcos_4.15") ? io.vavr.control.Either.right(null) : real.saveIbu(s, i);
            }

            public io.vavr.control.Either<PortFailure, Option<ImageBasedUpgrade>> loadIbu(String s) {
                return real.loadIbu(s);
            }

            public io.vavr.control.Either<PortFailure, Void> deleteIbu(String s) {
                return real.deleteIbu(s);
            }

            public io.vavr.control.Either<PortFailure, Void> saveBundle(String s, String n,
                                                                        dev.ibu.ports.out.ExportBundle b) {
                return real.saveBundle(s, n, b);
            }

            public io.vavr.control.Either<PortFailure, Option<dev.ibu.ports.out.ExportBundle>> loadBundle(String s,
                                                                                                        String n) {
                return real.loadBundle(s, n);
            }

            public io.vavr.control.Either<PortFailure, Void> deleteBundles(String s) {
                return real.deleteBundles(s);
            }
        };
    }

    /** A description written out only when its assertion fails. */
    private static java.util.function.Supplier<String> lazy(java.util.function.Supplier<String> description) {
        return description;
    }

    private void bump(String key) {
        coverage.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private int count(String key) {
        return coverage.getOrDefault(key, new AtomicInteger()).get();
    }
}
