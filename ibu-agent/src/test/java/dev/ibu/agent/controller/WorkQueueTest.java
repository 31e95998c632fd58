package dev.ibu.agent.controller;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {
    private final MutableClock clock = new MutableClock();
    private final WorkQueue queue = new WorkQueue(clock);

    @Test
    void a_key_added_twice_is_processed_once() throws Exception {
        queue.add("upgrade");
        queue.add("upgrade");

        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.take()).contains("upgrade");
        assertThat(queue.size()).isZero();
    }

    @Test
    void a_key_added_while_processed_comes_back_after_done_not_before() throws Exception {
        queue.add("upgrade");
        String key = queue.take().orElseThrow();
        queue.add(key);

        assertThat(queue.size()).isEqualTo(1);
        queue.done(key);
        assertThat(queue.take()).contains("upgrade");
    }

    @Test
    void a_delayed_add_becomes_ready_when_due_and_the_earliest_due_time_wins() throws Exception {
        queue.addAfter("upgrade", Duration.ofMinutes(5));
        queue.addAfter("upgrade", Duration.ofSeconds(30));
        assertThat(queue.size()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(queue.take()).contains("upgrade");
        queue.done("upgrade");
        assertThat(queue.size()).isZero();
    }

    @Test
    void an_immediate_add_replaces_a_pending_delayed_one() throws Exception {
        queue.addAfter("upgrade", Duration.ofMinutes(5));
        queue.add("upgrade");

        assertThat(queue.take()).contains("upgrade");
        queue.done("upgrade");
        assertThat(queue.size()).isZero();
    }

    @Test
    void shut_down_wakes_a_waiting_worker_with_nothing() throws Exception {
        Optional<String>[] taken = new Optional[1];
        Thread worker = new Thread(() -> {
            try {
                taken[0] = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        queue.shutDown();
        worker.join(30_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(taken[0]).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-01-01T09:00:00Z");

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void it_reports_adds_once_per_dirty_key_retries_and_durations_as_client_go_does() throws Exception {
        java.util.List<String> events = new java.util.ArrayList<>();
        queue.listen(new WorkQueue.Listener() {
            @Override
            public void added() {
                events.add("add");
            }

            @Override
            public void taken(Duration waited) {
                events.add("taken after " + waited.toSeconds() + "s");
            }

            @Override
            public void done(Duration worked) {
                events.add("done after " + worked.toSeconds() + "s");
            }

            @Override
            public void retried() {
                events.add("retry");
            }
        });
        queue.add("upgrade");
        queue.add("upgrade");
        assertThat(queue.stats().depth()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        String key = queue.take().orElseThrow();
        clock.advance(Duration.ofSeconds(3));
        assertThat(queue.stats().depth()).isZero();
        assertThat(queue.stats().unfinishedSeconds()).isEqualTo(3.0);
        assertThat(queue.stats().longestRunningSeconds()).isEqualTo(3.0);
        queue.retry(key, Duration.ofSeconds(10));
        queue.done(key);
        clock.advance(Duration.ofSeconds(10));
        assertThat(queue.take()).contains("upgrade");

        assertThat(events).containsExactly("add", "taken after 2s", "retry", "done after 3s", "add",
                "taken after 0s");
    }
}
