package dev.ibu.agent.observability;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;

/**
 * Wraps the engine so the controller needs no metrics code: times each reconcile into {@link ReconcileMetrics}
 * (errors by kind, throws as {@code kind=exception}, then rethrown unchanged) and marks {@link Readiness} synced
 * after the first reconcile that returned.
 */
public final class MeteredUseCase implements ReconcileUpgradeUseCase {
    private final ReconcileUpgradeUseCase engine;
    private final ReconcileMetrics metrics;
    private final Readiness readiness;

    public MeteredUseCase(ReconcileUpgradeUseCase engine, ReconcileMetrics metrics, Readiness readiness) {
        this.engine = engine;
        this.metrics = metrics;
        this.readiness = readiness;
    }

    @Override
    public ReconcileResult initialize() {
        return engine.initialize();
    }

    @Override
    public ReconcileResult reconcile(ReconcileCommand command) {
        return metered(() -> engine.reconcile(command));
    }

    /** The engine's handling of a deletion is a reconcile of the controller's worker too. */
    @Override
    public ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
        return metered(() -> engine.deleted(lastSeen));
    }

    private ReconcileResult metered(java.util.function.Supplier<ReconcileResult> reconcile) {
        long start = System.nanoTime();
        metrics.controllerRuntime().workerBusy();
        ReconcileResult r;
        try {
            r = reconcile.get();
        } catch (RuntimeException e) {
            metrics.threw(e, java.time.Duration.ofNanos(System.nanoTime() - start));
            throw e;
        } finally {
            metrics.controllerRuntime().workerIdle();
        }
        metrics.reconciled(r, java.time.Duration.ofNanos(System.nanoTime() - start));
        readiness.synced();
        return r;
    }
}
