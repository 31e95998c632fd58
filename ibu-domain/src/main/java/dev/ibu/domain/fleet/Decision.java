package dev.ibu.domain.fleet;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * One rollout decision for the current step. The hub applies {@code starts} (ManifestWorks) and {@code labels},
 * writes {@code statusAfter}, and decides again on the next watch event or at {@code wakeAt}.
 *
 * @param step        the plan index decided on ({@code plan.size()} when the rollout is done)
 * @param starts      spokes to start now with their action, canary first then name order
 * @param rows        the step's per-cluster rows after this decision, in name order
 * @param halted      the halt message, while the rollout is halted
 * @param stepDone    no spoke of the step is in flight and none will start
 * @param wakeAt      the earliest time a decision can change without a watch event (timeout, soak end)
 */
public record Decision(
        int step,
        List<Start> starts,
        List<ClusterRow> rows,
        List<String> completed,
        List<String> failed,
        List<String> timedOut,
        List<String> held,
        boolean stepDone,
        Option<String> halted,
        Summary summary,
        List<LabelChange> labels,
        RolloutStatus statusAfter,
        Option<Instant> wakeAt,
        boolean rolloutDone) {
}
