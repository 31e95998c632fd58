package dev.ibu.agent.hub;

import dev.ibu.domain.fleet.Decision;
import dev.ibu.domain.fleet.Summary;
import dev.ibu.ports.fleet.HubPass;
import dev.ibu.ports.fleet.IbguRef;
import dev.ibu.ports.out.PortFailure;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.control.Either;

/**
 * The hub's metrics, per IBGU: the current step's spokes by state, the step, whether the rollout is halted; and the
 * passes by result and the ManifestWork writes. Series of a deleted IBGU are removed.
 */
final class HubMetrics implements HubLoop.Observer {
    private final Gauge spokes;
    private final Gauge step;
    private final Gauge halted;
    private final Counter passes;
    private final Counter writes;

    HubMetrics(PrometheusRegistry registry) {
        spokes = Gauge.builder().name("ibu_fleet_spokes").help("Spokes of the IBGU's current step, by state")
                .labelNames("namespace", "ibgu", "state").register(registry);
        step = Gauge.builder().name("ibu_fleet_step").help("The IBGU's current plan step (the plan's size when done)")
                .labelNames("namespace", "ibgu").register(registry);
        halted = Gauge.builder().name("ibu_fleet_halted").help("1 while the IBGU's rollout is halted (budget, canary)")
                .labelNames("namespace", "ibgu").register(registry);
        passes = Counter.builder().name("ibu_fleet_reconciles_total").help("Hub passes, by result")
                .labelNames("result").register(registry);
        writes = Counter.builder().name("ibu_fleet_spoke_writes_total")
                .help("ManifestWorks written (a spoke started, moved on, finished or failed)").register(registry);
    }

    @Override
    public void passed(IbguRef ref, Either<PortFailure, HubPass> pass) {
        if (pass.isLeft()) {
            passes.labelValues(pass.getLeft() instanceof PortFailure.Conflict ? "conflict" : "error").inc();
            return;
        }
        passes.labelValues("ok").inc();
        writes.inc(pass.get().worksWritten());
        if (pass.get().decision().isEmpty()) {
            for (String state : STATES) {
                spokes.remove(ref.namespace(), ref.name(), state);
            }
            step.remove(ref.namespace(), ref.name());
            halted.remove(ref.namespace(), ref.name());
            return;
        }
        Decision d = pass.get().decision().get();
        Summary s = d.summary();
        int[] counts = {s.notStarted(), s.inProgress(), s.completed(), s.failed(), s.timedOut(), s.held()};
        for (int i = 0; i < STATES.length; i++) {
            spokes.labelValues(ref.namespace(), ref.name(), STATES[i]).set(counts[i]);
        }
        step.labelValues(ref.namespace(), ref.name()).set(d.statusAfter().step());
        halted.labelValues(ref.namespace(), ref.name()).set(d.halted().isDefined() ? 1 : 0);
    }

    static final String[] STATES = {"NotStarted", "InProgress", "Completed", "Failed", "TimedOut", "Held"};
}
