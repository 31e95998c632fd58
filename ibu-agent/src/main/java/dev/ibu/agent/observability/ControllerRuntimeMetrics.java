package dev.ibu.agent.observability;

import dev.ibu.ports.in.ReconcileResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.time.Duration;

/**
 * The reconcile metrics controller-runtime exports for every controller, with its names, labels, types, help texts
 * and buckets, so that dashboards and alerts written for operators (upstream's included) work on this agent:
 * {@code controller_runtime_reconcile_total{controller,result}} (result: success, error, requeue, requeue_after),
 * {@code controller_runtime_reconcile_errors_total}, {@code controller_runtime_reconcile_panics_total} (here: a
 * reconcile that threw), {@code controller_runtime_reconcile_time_seconds}, {@code controller_runtime_active_workers}
 * and {@code controller_runtime_max_concurrent_reconciles}. The controller is named as controller-runtime names
 * upstream's: the lower-case kind, {@value #CONTROLLER}.
 */
public final class ControllerRuntimeMetrics {
    public static final String CONTROLLER = "imagebasedupgrade";
    /** controller-runtime's buckets for controller_runtime_reconcile_time_seconds. */
    static final double[] RECONCILE_TIME_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4,
        0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20,
        25, 30, 40, 50, 60};

    private final Counter total;
    private final Counter errors;
    private final Counter panics;
    private final Histogram time;
    private final Gauge active;

    public ControllerRuntimeMetrics(PrometheusRegistry registry) {
        total = Counter.builder().name("controller_runtime_reconcile_total")
                .help("Total number of reconciliations per controller").labelNames("controller", "result")
                .register(registry);
        errors = Counter.builder().name("controller_runtime_reconcile_errors_total")
                .help("Total number of reconciliation errors per controller").labelNames("controller")
                .register(registry);
        Counter terminal = Counter.builder().name("controller_runtime_terminal_reconcile_errors_total")
                .help("Total number of terminal reconciliation errors per controller").labelNames("controller")
                .register(registry);
        panics = Counter.builder().name("controller_runtime_reconcile_panics_total")
                .help("Total number of reconciliation panics per controller").labelNames("controller")
                .register(registry);
        time = Histogram.builder().name("controller_runtime_reconcile_time_seconds")
                .help("Length of time per reconciliation per controller").labelNames("controller").classicOnly()
                .classicUpperBounds(RECONCILE_TIME_BUCKETS).register(registry);
        Gauge workers = Gauge.builder().name("controller_runtime_max_concurrent_reconciles")
                .help("Maximum number of concurrent reconciles per controller").labelNames("controller")
                .register(registry);
        active = Gauge.builder().name("controller_runtime_active_workers")
                .help("Number of currently used workers per controller").labelNames("controller").register(registry);
        // as controller-runtime's initMetrics: every series exists from the start
        for (String result : new String[] {"error", "requeue_after", "requeue", "success"}) {
            total.labelValues(CONTROLLER, result);
        }
        errors.labelValues(CONTROLLER);
        terminal.labelValues(CONTROLLER);
        panics.labelValues(CONTROLLER);
        workers.labelValues(CONTROLLER).set(1);  // one worker (ControllerLoop)
        active.labelValues(CONTROLLER).set(0);
    }

    /** A worker starts reconciling (controller_runtime_active_workers). */
    public void workerBusy() {
        active.labelValues(CONTROLLER).inc();
    }

    /** The worker is done, whatever the outcome. */
    public void workerIdle() {
        active.labelValues(CONTROLLER).dec();
    }

    /** A reconcile returned {@code result} after {@code took}. */
    public void finished(ReconcileResult result, Duration took) {
        time.labelValues(CONTROLLER).observe(took.toNanos() / 1e9);
        if (result.error().isDefined()) {
            errors.labelValues(CONTROLLER).inc();
            total.labelValues(CONTROLLER, "error").inc();
        } else if (result.requeueAfter().isDefined()) {
            total.labelValues(CONTROLLER, "requeue_after").inc();
        } else {
            total.labelValues(CONTROLLER, "success").inc();
        }
    }

    /** A reconcile threw after {@code took}: counted as controller-runtime counts a recovered panic. */
    public void threw(Duration took) {
        time.labelValues(CONTROLLER).observe(took.toNanos() / 1e9);
        panics.labelValues(CONTROLLER).inc();
        errors.labelValues(CONTROLLER).inc();
        total.labelValues(CONTROLLER, "error").inc();
    }
}
