package dev.ibu.agent.observability;

import dev.ibu.agent.controller.WorkQueue;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * client-go's workqueue metrics as controller-runtime registers them ({@code workqueue_*{name,controller}}, both
 * labels the controller's name): adds, retries, queue and work durations as the queue reports them
 * ({@link WorkQueue.Listener}); depth, unfinished work and the longest running processor read from
 * {@link WorkQueue#stats} at scrape time (client-go refreshes those every half second).
 */
public final class WorkQueueMetrics implements WorkQueue.Listener {
    private static final String NAME = ControllerRuntimeMetrics.CONTROLLER;

    private final Counter adds;
    private final Counter retries;
    private final Histogram queueDuration;
    private final Histogram workDuration;
    private volatile Supplier<WorkQueue.Stats> stats = () -> new WorkQueue.Stats(0, 0, 0);

    public WorkQueueMetrics(PrometheusRegistry registry) {
        adds = Counter.builder().name("workqueue_adds_total").help("Total number of adds handled by workqueue")
                .labelNames("name", "controller").register(registry);
        retries = Counter.builder().name("workqueue_retries_total").help("Total number of retries handled by workqueue")
                .labelNames("name", "controller").register(registry);
        // client-go: prometheus.ExponentialBuckets(10e-9, 10, 12)
        queueDuration = Histogram.builder().name("workqueue_queue_duration_seconds")
                .help("How long in seconds an item stays in workqueue before being requested")
                .labelNames("name", "controller").classicOnly().classicExponentialUpperBounds(1e-8, 10, 12)
                .register(registry);
        workDuration = Histogram.builder().name("workqueue_work_duration_seconds")
                .help("How long in seconds processing an item from workqueue takes.")
                .labelNames("name", "controller").classicOnly().classicExponentialUpperBounds(1e-8, 10, 12)
                .register(registry);
        GaugeWithCallback.builder().name("workqueue_depth").help("Current depth of workqueue")
                .labelNames("name", "controller").callback(cb -> cb.call(stats.get().depth(), NAME, NAME))
                .register(registry);
        GaugeWithCallback.builder().name("workqueue_unfinished_work_seconds")
                .help("How many seconds of work has been done that is in progress and hasn't been observed by "
                        + "work_duration. Large values indicate stuck threads. One can deduce the number of stuck "
                        + "threads by observing the rate at which this increases.")
                .labelNames("name", "controller").callback(cb -> cb.call(stats.get().unfinishedSeconds(), NAME, NAME))
                .register(registry);
        GaugeWithCallback.builder().name("workqueue_longest_running_processor_seconds")
                .help("How many seconds has the longest running processor for workqueue been running.")
                .labelNames("name", "controller")
                .callback(cb -> cb.call(stats.get().longestRunningSeconds(), NAME, NAME)).register(registry);
        adds.labelValues(NAME, NAME);
        retries.labelValues(NAME, NAME);
    }

    /** Where depth and work in progress are read at scrape time (the controller's queue). */
    public void watch(Supplier<WorkQueue.Stats> source) {
        this.stats = Objects.requireNonNull(source);
    }

    @Override
    public void added() {
        adds.labelValues(NAME, NAME).inc();
    }

    @Override
    public void taken(Duration waited) {
        queueDuration.labelValues(NAME, NAME).observe(waited.toNanos() / 1e9);
    }

    @Override
    public void done(Duration worked) {
        workDuration.labelValues(NAME, NAME).observe(worked.toNanos() / 1e9);
    }

    @Override
    public void retried() {
        retries.labelValues(NAME, NAME).inc();
    }
}
