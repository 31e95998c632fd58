package dev.ibu.ports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Reasons;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.PrecacheStatus;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Deliberately broken variants that the crash suite must catch, each the shape of a real bug: jobs that die with the
 * agent and read as "interrupted" (issue 11's Prep bug), the manual-cleanup-done annotation removed before the status
 * records the retry (issue 11's annotation bug), and the CR's save into the new stateroot silently dropped.
 */
class CrashSuiteCanaryTest {
    private static ch.qos.logback.classic.Level engineLevel;

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
    void jobs_that_die_with_the_agent_are_caught_and_only_by_the_kills() {
        UnaryOperator<EnginePorts> mutant = CrashSuiteCanaryTest::jobsDieWithTheAgent;
        // uninterrupted, the broken variant does everything right: only a kill shows the bug
        assertThat(CrashPoints.reference(CrashScenario.PREP, mutant).end().diff(
                CrashPoints.reference(CrashScenario.PREP, UnaryOperator.identity()).end())).isEmpty();
        List<String> wrong = wrongPoints(CrashScenario.PREP, mutant, CrashPlan.Mode.BEFORE);
        assertThat(wrong).isNotEmpty();
        assertThat(wrong.get(0)).contains("PREP (Prep to completion), kills [BEFORE@")
                .contains("the state differs from the uninterrupted run's")
                .contains("PrepInProgress False Failed \"stateroot setup job failed to complete");
    }

    @Test
    void the_annotation_removed_before_the_status_records_the_retry_is_caught() {
        List<String> wrong = wrongPoints(CrashScenario.FINALIZE_FAILED, CrashSuiteCanaryTest::oldAnnotationOrder,
                CrashPlan.Mode.AFTER_EFFECT);
        assertThat(wrong).isNotEmpty();
        assertThat(String.join("\n", wrong)).contains("the lca.openshift.io/manual-cleanup-done annotation is gone "
                + "while the status still waits for it (FinalizeFailed)");
    }

    @Test
    void a_dropped_save_into_the_new_stateroot_is_caught() {
        List<String> wrong = wrongPoints(CrashScenario.UPGRADE, CrashSuiteCanaryTest::droppingSavesIntoTheNewStateroot,
                CrashPlan.Mode.BEFORE);
        assertThat(wrong).isNotEmpty();
        assertThat(wrong.get(0)).contains("the next boot goes into rhcos_4.15.2, which holds no saved CR");
    }

    /** The wrong points of every single kill in {@code mode}, judged against the correct engine's run. */
    private static List<String> wrongPoints(CrashScenario s, UnaryOperator<EnginePorts> mutant, CrashPlan.Mode mode) {
        CrashPoints.Reference ref = CrashPoints.reference(s, UnaryOperator.identity());
        List<String> wrong = new ArrayList<>();
        for (int n = 1; n <= ref.calls().size(); n++) {
            CrashPoints.judge(ref, List.of(new CrashPlan.Kill(mode, n)), mutant).wrong().ifPresent(wrong::add);
        }
        System.out.println("canary " + s + " " + mode + ": " + wrong.size() + " of " + ref.calls().size()
                + " points wrong");
        return wrong;
    }

    // ---- the broken variants ---------------------------------------------------------------------------------------

    /**
     * Jobs run inside the agent and a new agent reads a job it did not start, still marked running, as failed (what
     * the host adapter did before issue 11). One instance per agent: the engine's ports are built at each start.
     */
    private static EnginePorts jobsDieWithTheAgent(EnginePorts p) {
        Set<String> startedHere = new HashSet<>();
        StaterootPort stateroots = override(StaterootPort.class, p.stateroots(), (method, args, real) -> {
            Object result = real.call();
            if (method.equals("startSetup")) {
                startedHere.add(((dev.ibu.ports.out.StaterootSetup) args[0]).staterootName());
            }
            if (method.equals("setupState") && result instanceof Either<?, ?> e && e.isRight()
                    && e.get() instanceof JobState.Running && !startedHere.contains((String) args[0])) {
                return Either.right(new JobState.Failed("interrupted: the agent restarted"));
            }
            return result;
        });
        PrecachePort precache = override(PrecachePort.class, p.precache(), (method, args, real) -> {
            Object result = real.call();
            if (method.equals("start")) {
                startedHere.add("precache");
            }
            if (method.equals("status") && result instanceof Either<?, ?> e && e.isRight()
                    && ((PrecacheStatus) e.get()).state() instanceof JobState.Running
                    && !startedHere.contains("precache")) {
                return Either.right(new PrecacheStatus(new JobState.Failed("interrupted: the agent restarted"),
                        Option.none()));
            }
            return result;
        });
        return new EnginePorts(p.resource(), p.configMaps(), p.pullSecrets(), p.health(), p.clusterInfo(),
                p.extraManifests(), p.backups(), p.seedImages(), stateroots, precache, p.reboot(), p.stateStore(),
                p.certificates(), p.events(), p.clock());
    }

    /** The order IdleHandler had: the annotation is removed first, then the status says the retry was taken. */
    private static EnginePorts oldAnnotationOrder(EnginePorts p) {
        IbuResourcePort resource = override(IbuResourcePort.class, p.resource(), (method, args, real) -> {
            if (!method.equals("writeStatus")) {
                return real.call();
            }
            ImageBasedUpgrade written = (ImageBasedUpgrade) args[0];
            ImageBasedUpgrade stored = p.resource().read().get().get();
            if (stored.metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE) && idleReason(stored)
                    .equals(Reasons.FINALIZE_FAILED) && idleReason(written).equals(Reasons.FINALIZING)) {
                ImageBasedUpgrade removed = p.resource().setAnnotation(Annotations.MANUAL_CLEANUP_DONE,
                        Option.none()).get();
                return p.resource().writeStatus(removed.withStatus(written.status()));
            }
            return real.call();
        });
        return new EnginePorts(resource, p.configMaps(), p.pullSecrets(), p.health(), p.clusterInfo(),
                p.extraManifests(), p.backups(), p.seedImages(), p.stateroots(), p.precache(), p.reboot(),
                p.stateStore(), p.certificates(), p.events(), p.clock());
    }

    /** The IBU saved into the new stateroot before the pivot goes nowhere. */
    private static EnginePorts droppingSavesIntoTheNewStateroot(EnginePorts p) {
        StateStorePort store = override(StateStorePort.class, p.stateStore(), (method, args, real) ->
                method.equals("saveIbu") && ((String) args[0]).startsWith("rhcos_4.15") ? Either.right(null)
                        : real.call());
        return new EnginePorts(p.resource(), p.configMaps(), p.pullSecrets(), p.health(), p.clusterInfo(),
                p.extraManifests(), p.backups(), p.seedImages(), p.stateroots(), p.precache(), p.reboot(), store,
                p.certificates(), p.events(), p.clock());
    }

    private static String idleReason(ImageBasedUpgrade ibu) {
        return ibu.status().conditions().find(ConditionTypes.IDLE).map(c -> c.reason()).getOrElse("");
    }

    interface RealCall {
        Object call() throws Throwable;
    }

    interface Behaviour {
        Object handle(String method, Object[] args, RealCall real) throws Throwable;
    }

    /** A port that behaves as {@code real} except where {@code override} says otherwise. */
    private static <T> T override(Class<T> port, T real, Behaviour override) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (self, method, args) ->
                override.handle(method.getName(), args, () -> {
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                })));
    }
}
