package dev.ibu.agent.controller;

import dev.ibu.ports.in.ReconcileError;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.in.ReconcileCommand;
import dev.ibu.ports.in.ReconcileResult;
import dev.ibu.ports.in.ReconcileUpgradeUseCase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's bookkeeping, with a clock the test moves: requeue after the engine's interval, exponential backoff
 * after errors (reset by a success), a throwing reconcile is retried and does not kill the worker.
 */
class ControllerLoopTest {
    private static final ReconcileError UNREACHABLE = new ReconcileError(ReconcileError.Kind.TRANSIENT,
            "API server unreachable");
    private final WorkQueueTest.MutableClock clock = new WorkQueueTest.MutableClock();
    private final WorkQueue queue = new WorkQueue(clock);
    private final List<String> ids = new ArrayList<>();

    @Test
    void requeues_after_the_engines_interval_and_backs_off_exponentially_on_errors() throws Exception {
        Deque<Supplier<ReconcileResult>> script = new ArrayDeque<>(List.of(
                () -> ReconcileResult.error(UNREACHABLE),
                () -> ReconcileResult.error(UNREACHABLE),
                () -> ReconcileResult.after(Duration.ofSeconds(30), "precache running"),
                () -> ReconcileResult.done("Prep completed")));
        Thread worker = worker(script);
        queue.add("upgrade");

        awaitCalls(1);
        assertDueAfter(Duration.ofSeconds(1));   // first error: base
        awaitCalls(2);
        assertDueAfter(Duration.ofSeconds(2));   // second error: doubled
        awaitCalls(3);
        assertDueAfter(Duration.ofSeconds(30));  // success: the engine's interval, backoff reset
        awaitCalls(4);
        Thread.sleep(100);
        assertThat(queue.size()).isZero();       // done: nothing queued

        queue.shutDown();
        worker.join(30_000);
        assertThat(ids).allMatch(id -> id.startsWith("upgrade-")).doesNotHaveDuplicates();
    }

    @Test
    void a_reconcile_that_throws_is_retried_and_the_worker_survives() throws Exception {
        Deque<Supplier<ReconcileResult>> script = new ArrayDeque<>(List.of(
                () -> {
                    throw new IllegalStateException("a bug");
                },
                () -> ReconcileResult.done("fine")));
        Thread worker = worker(script);
        queue.add("upgrade");

        awaitCalls(1);
        assertDueAfter(Duration.ofSeconds(1));
        awaitCalls(2);
        assertThat(worker.isAlive()).isTrue();

        queue.shutDown();
        worker.join(30_000);
        assertThat(worker.isAlive()).isFalse();
    }

    /** Nothing is ready before {@code d} has passed; once the clock moves by {@code d}, the key is handed out. */
    private void assertDueAfter(Duration d) throws InterruptedException {
        Eventually.until("the key is queued again", () -> queue.size() == 1);
        clock.advance(d.minusMillis(1));
        Thread.sleep(50);
        int before = ids.size();
        assertThat(before).as("not ready before " + d).isEqualTo(calls);
        clock.advance(Duration.ofMillis(1));
    }

    private volatile int calls;

    private void awaitCalls(int n) throws InterruptedException {
        Eventually.until(n + " reconciles", () -> calls >= n);
    }

    private Thread worker(Deque<Supplier<ReconcileResult>> script) {
        ReconcileUpgradeUseCase engine = new ReconcileUpgradeUseCase() {
            @Override
            public ReconcileResult initialize() {
                return ReconcileResult.done("init");
            }

            @Override
            public ReconcileResult reconcile(ReconcileCommand command) {
                synchronized (ids) {
                    ids.add(command.reconcileId());
                }
                calls++;
                return script.isEmpty() ? ReconcileResult.done("idle") : script.poll().get();
            }

            @Override
            public ReconcileResult deleted(ImageBasedUpgrade lastSeen) {
                return ReconcileResult.done("deleted");
            }
        };
        Thread t = new Thread(new ControllerLoop(queue, engine, new Backoff(Duration.ofSeconds(1),
                Duration.ofMinutes(5)), r -> { }, new ControllerLoop.Deletions()));
        t.start();
        return t;
    }
}
