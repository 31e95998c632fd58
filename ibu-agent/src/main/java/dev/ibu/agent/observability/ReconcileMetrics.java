package dev.ibu.agent.observability;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.PhaseHistory;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageHistory;
import dev.ibu.ports.in.ReconcileError;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.out.PrecacheProgress;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The agent's metrics ({@code ibu_*}, and controller-runtime's reconcile families through
 * {@link ControllerRuntimeMetrics}) and the facade the controller calls: {@link #reconciled} after each reconcile,
 * {@link #observed} for each change of the IBU the informer sees (transitions and durations are derived from the
 * status, so the engine needs no change). Precache progress and Velero phase counts are read at scrape time from the
 * sources given to {@link #watchPrecache} and {@link #watchVelero}.
 */
public final class ReconcileMetrics {
    private static final double[] RECONCILE_BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double[] STAGE_BUCKETS = {10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400};

    private final Counter transitions;
    private final Gauge currentStage;
    private final Histogram stageDuration;
    private final Histogram phaseDuration;
    private final Counter reconciles;
    private final Counter reconcileErrors;
    private final Histogram reconcileDuration;
    private final ControllerRuntimeMetrics controllerRuntime;
    private volatile Supplier<Option<PrecacheProgress>> precache = Option::none;
    private volatile VeleroPhases velero = VeleroPhases.NONE;

    public ReconcileMetrics(PrometheusRegistry registry) {
        controllerRuntime = new ControllerRuntimeMetrics(registry);
        transitions = Counter.builder().name("ibu_stage_transitions_total")
                .help("Stage changes seen in the IBU status, by stage before and after").labelNames("from", "to")
                .register(registry);
        currentStage = Gauge.builder().name("ibu_stage").help("1 for the stage the IBU status is in, else 0")
                .labelNames("stage").register(registry);
        stageDuration = Histogram.builder().name("ibu_stage_duration_seconds")
                .help("Time from a stage's start to its completion (status.history)").labelNames("stage")
                .classicOnly().classicUpperBounds(STAGE_BUCKETS).register(registry);
        phaseDuration = Histogram.builder().name("ibu_phase_duration_seconds")
                .help("Time from a phase's start to its completion (status.history[].phases)")
                .labelNames("stage", "phase").classicOnly().classicUpperBounds(STAGE_BUCKETS).register(registry);
        reconciles = Counter.builder().name("ibu_reconciles_total").help("Reconciles run").register(registry);
        reconcileErrors = Counter.builder().name("ibu_reconcile_errors_total")
                .help("Reconciles that returned an error (by failure kind) or threw (kind=exception)")
                .labelNames("kind").register(registry);
        reconcileDuration = Histogram.builder().name("ibu_reconcile_duration_seconds")
                .help("How long one reconcile took").classicOnly().classicUpperBounds(RECONCILE_BUCKETS)
                .register(registry);
        for (Stage s : Stage.values()) {
            currentStage.labelValues(s.wireName()).set(0);
        }
        registerCallbacks(registry);
    }

    private void registerCallbacks(PrometheusRegistry registry) {
        precacheGauge(registry, "ibu_precache_images_planned", "Images the precache job has to pull",
                PrecacheProgress::total);
        precacheGauge(registry, "ibu_precache_images_pulled", "Images the precache job pulled",
                PrecacheProgress::pulled);
        precacheGauge(registry, "ibu_precache_images_failed", "Images the precache job failed to pull",
                PrecacheProgress::failed);
        GaugeWithCallback.builder().name("ibu_oadp_backups").help("Velero Backups in the OADP namespace, by phase")
                .labelNames("phase").callback(cb -> velero.backups().forEach((p, n) -> cb.call(n, p)))
                .register(registry);
        GaugeWithCallback.builder().name("ibu_oadp_restores").help("Velero Restores in the OADP namespace, by phase")
                .labelNames("phase").callback(cb -> velero.restores().forEach((p, n) -> cb.call(n, p)))
                .register(registry);
    }

    private void precacheGauge(PrometheusRegistry registry, String name, String help,
            java.util.function.ToIntFunction<PrecacheProgress> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> precache.get().forEach(p -> cb.call(value.applyAsInt(p)))).register(registry);
    }

    /** Where precache progress is read at scrape time (e.g. the precache port's status); none: no samples. */
    public void watchPrecache(Supplier<Option<PrecacheProgress>> source) {
        this.precache = Objects.requireNonNull(source);
    }

    /** Where Velero Backup and Restore phase counts are read at scrape time (e.g. {@link VeleroPhaseCounts}). */
    public void watchVelero(VeleroPhases source) {
        this.velero = Objects.requireNonNull(source);
    }

    /** The controller-runtime families, fed by {@link #reconciled} and {@link #threw}. */
    public ControllerRuntimeMetrics controllerRuntime() {
        return controllerRuntime;
    }

    /** One reconcile finished with {@code result} after {@code took}. */
    public void reconciled(ReconcileResult result, Duration took) {
        controllerRuntime.finished(result, took);
        reconciles.inc();
        reconcileDuration.observe(seconds(took));
        result.error().forEach(f -> reconcileErrors.labelValues(kind(f)).inc());
    }

    /** One reconcile threw (a bug) after {@code took}. */
    public void threw(RuntimeException e, Duration took) {
        controllerRuntime.threw(took);
        reconciles.inc();
        reconcileDuration.observe(seconds(took));
        reconcileErrors.labelValues("exception").inc();
    }

    /** The IBU as first seen (informer add): sets the current stage, counts nothing. */
    public void observed(ImageBasedUpgrade first) {
        setStage(StageView.current(first));
    }

    /** The IBU changed from {@code before} to {@code after}: counts a stage change and finished stages and phases. */
    public void observed(ImageBasedUpgrade before, ImageBasedUpgrade after) {
        Stage from = StageView.current(before);
        Stage to = StageView.current(after);
        if (from != to) {
            transitions.labelValues(from.wireName(), to.wireName()).inc();
        }
        setStage(to);
        for (StageHistory h : after.status().history()) {
            Option<StageHistory> old = before.status().history().find(o -> o.stage().equals(h.stage())
                    && o.startTime().equals(h.startTime()));
            if (newlyCompleted(h.startTime(), h.completionTime(), old.flatMap(StageHistory::completionTime))) {
                stageDuration.labelValues(h.stage()).observe(between(h.startTime().get(), h.completionTime().get()));
            }
            for (PhaseHistory p : h.phases()) {
                Option<Instant> oldDone = old.flatMap(o -> o.phases().find(x -> x.phase().equals(p.phase())
                        && x.startTime().equals(p.startTime()))).flatMap(PhaseHistory::completionTime);
                if (newlyCompleted(p.startTime(), p.completionTime(), oldDone)) {
                    phaseDuration.labelValues(h.stage(), p.phase())
                            .observe(between(p.startTime().get(), p.completionTime().get()));
                }
            }
        }
    }

    private void setStage(Stage stage) {
        for (Stage s : Stage.values()) {
            currentStage.labelValues(s.wireName()).set(s == stage ? 1 : 0);
        }
    }

    private static boolean newlyCompleted(Option<Instant> start, Option<Instant> done, Option<Instant> doneBefore) {
        return start.isDefined() && done.isDefined() && doneBefore.isEmpty();
    }

    private static double between(Instant start, Instant end) {
        return Math.max(0, seconds(Duration.between(start, end)));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static String kind(ReconcileError e) {
        return e.kind().label();
    }

    /** Velero Backup and Restore counts by {@code status.phase}. */
    public interface VeleroPhases {
        VeleroPhases NONE = new VeleroPhases() {
            @Override
            public Map<String, Integer> backups() {
                return Map.of();
            }

            @Override
            public Map<String, Integer> restores() {
                return Map.of();
            }
        };

        Map<String, Integer> backups();

        Map<String, Integer> restores();
    }
}
