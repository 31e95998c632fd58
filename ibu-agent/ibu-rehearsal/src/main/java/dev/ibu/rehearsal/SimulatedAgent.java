package dev.ibu.rehearsal;

import dev.ibu.rehearsal.sim.SimWorldDefaults;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Messages;
import dev.ibu.ports.engine.UpgradeEngine;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The agent as local mode runs it: an {@link UpgradeEngine} over the simulated world, driven synchronously. Each
 * {@link #settle()} reconciles until the engine asks for nothing more, advancing the simulated clock by each
 * requeue interval. A reboot the engine asks for is carried out here, and the agent "restarts" as the real one does
 * after the pivot: a NEW engine instance whose {@code initialize()} restores the CR saved in the booted stateroot.
 */
final class SimulatedAgent {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAgent.class);
    /** Upstream waits 5 minutes between AbortFailed/FinalizeFailed checks: a person has to act. */
    private static final Duration WAITING_FOR_A_PERSON = Duration.ofMinutes(5);
    private static final int MAX_PASSES = 300;
    private static final int MAX_ERRORS = 8;

    private final SimWorld world;
    private final Consumer<String> out;
    private final Duration pace;
    private UpgradeEngine engine;
    private int reconciles;
    private int boots = 1;
    private final java.util.concurrent.atomic.AtomicInteger ownRestores = new java.util.concurrent.atomic.AtomicInteger();

    SimulatedAgent(SimWorld world, Consumer<String> out, Duration pace) {
        this.pace = pace;
        this.world = world;
        this.out = out;
        this.engine = new UpgradeEngine(world.ports);
    }

    /** Agent start-up: creates the {@code spec.stage: Idle} CR (or restores a saved one). */
    ReconcileResult start() {
        ReconcileResult r = withId("init-" + boots, () -> engine.initialize());
        if (r.error().isDefined()) {
            throw new IllegalStateException("agent start-up failed: " + r.error().get().message());
        }
        return r;
    }

    /** How a settle ended. */
    enum Settled { DONE, WAITING_FOR_A_PERSON, GAVE_UP }

    Settled settle() {
        return settle(() -> { });
    }

    /**
     * Settles; {@code whileWaitingForHealth} runs once, the first time the post-pivot upgrade waits for the cluster
     * to stabilize (the moment the seed document shows {@code oc get ibu -o yaml} during the upgrade).
     */
    Settled settle(Runnable whileWaitingForHealth) {
        boolean shown = false;
        int errors = 0;
        for (int i = 0; i < MAX_PASSES; i++) {
            if (i > 0 && !pace.isZero() && !sleep(pace)) {
                return Settled.GAVE_UP;
            }
            String id = "r" + (++reconciles);
            ReconcileResult r = withId(id, () -> engine.reconcile(ReconcileCommand.singleton(id)));
            report(id, r);
            if (!shown && waitingForHealth()) {
                shown = true;
                whileWaitingForHealth.run();
            }
            if (rebootIfAsked()) {
                continue;
            }
            if (r.error().isDefined()) {
                if (++errors > MAX_ERRORS) {
                    out.accept("  giving up after " + MAX_ERRORS + " failed reconciles: " + r.error().get().message());
                    return Settled.GAVE_UP;
                }
                world.advance(Duration.ofSeconds(1L << Math.min(errors, 8)));  // exponential backoff
                continue;
            }
            errors = 0;
            if (r.requeueAfter().isEmpty()) {
                return Settled.DONE;
            }
            Duration after = r.requeueAfter().get();
            if (after.compareTo(WAITING_FOR_A_PERSON) >= 0) {
                return Settled.WAITING_FOR_A_PERSON;
            }
            world.advance(after);
        }
        out.accept("  giving up after " + MAX_PASSES + " reconciles");
        return Settled.GAVE_UP;
    }

    /** One reconcile as a controller runs it (its own id), then the reboot it asked for, if any. */
    ReconcileResult reconcileOnce(String id) {
        reconciles++;
        ReconcileResult r = withId(id, () -> engine.reconcile(ReconcileCommand.singleton(id)));
        report(id, r);
        return r;
    }

    /** Carries out a reboot the engine asked for; true if there was one. */
    boolean rebootIfAsked() {
        if (!world.rebootPending()) {
            return false;
        }
        reboot();
        return true;
    }

    /**
     * Whether a delete an informer saw was the agent's own restore after a simulated reboot (a real agent restores
     * at start-up, before its informer runs, so it never sees that delete); counts it off.
     */
    boolean ownRestore() {
        return ownRestores.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** The informer saw the CR deleted: the engine decides (restore it mid-upgrade, or a fresh Idle one). */
    ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
        return withId("deleted", () -> engine.deleted(lastSeen));
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void reboot() {
        java.util.List<String> carried = world.carriedConfiguration();
        if (!carried.isEmpty()) {
            out.accept("  --- cluster configuration carried into the new stateroot before the reboot:");
            carried.forEach(line -> out.accept("        " + line));
        }
        out.accept("  --- reboot: the node boots stateroot " + world.defaultStateroot()
                + "; the agent restarts (a new engine, initialize())");
        world.reboot();
        boots++;
        engine = new UpgradeEngine(world.ports);
        ReconcileResult init = start();
        if (init.summary().startsWith("restored")) {
            ownRestores.incrementAndGet();  // InitIbu deleted and re-created the CR: an informer will see a delete
        }
        out.accept("  " + clock() + "  init-" + boots + "  " + init.summary());
    }

    private boolean waitingForHealth() {
        return world.ports.resource().read().getOrElse(Option.none())
                .flatMap(x -> x.status().conditions().last())
                .exists(c -> c.isTrue() && c.message().startsWith(Messages.WAIT_POST_PIVOT));
    }

    /** Simulated time, reconciles and boots so far. */
    String summary() {
        return "simulated time " + clock().substring(1) + ", " + reconciles + " reconciles, " + (boots - 1)
                + " reboots";
    }

    private void report(String id, ReconcileResult r) {
        Option<ImageBasedUpgrade> ibu = world.ports.resource().read().getOrElse(Option.none());
        String stage = ibu.map(x -> x.spec().stage().wireName() + phase(x)).getOrElse("-");
        String state = ibu.flatMap(x -> x.status().conditions().last()).map(SimulatedAgent::describe).getOrElse("");
        String next = r.error().isDefined() ? "retry with backoff (" + r.error().get().message() + ")"
                : r.requeueAfter().map(d -> "again in " + d.toSeconds() + "s").getOrElse("done");
        out.accept(String.format("  %s  %-4s %-18s %s -> %s", clock(), id, stage, state, next));
    }

    /** The open phase of the spec stage's history entry ({@code /Precache}, {@code /PostPivot}), if any. */
    private static String phase(ImageBasedUpgrade ibu) {
        String stage = ibu.spec().stage().wireName();
        return ibu.status().history().filter(h -> h.stage().equals(stage)).lastOption()
                .flatMap(h -> h.phases().filter(p -> p.completionTime().isEmpty()).lastOption())
                .map(p -> "/" + p.phase()).getOrElse("");
    }

    private static String describe(Condition c) {
        String message = c.message();
        int nl = message.indexOf('\n');
        // a multi-line message (health checks) keeps its lines, indented under the progress line
        return c.type() + "/" + c.reason() + ": " + (nl < 0 ? message
                : message.replace("\n", "\n                                 "));
    }

    private String clock() {
        Duration d = Duration.between(SimWorldDefaults.START, world.now());
        return String.format("+%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    private static ReconcileResult withId(String id, java.util.function.Supplier<ReconcileResult> call) {
        MDC.put("reconcile", id);
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.error("reconcile {} failed with a bug: {}", id, e.toString(), e);
            throw e;
        } finally {
            MDC.remove("reconcile");
        }
    }
}
