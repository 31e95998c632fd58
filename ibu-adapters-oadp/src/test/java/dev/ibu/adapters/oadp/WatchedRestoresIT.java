package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.strict.RequestCounter;
import dev.ibu.adapters.oadp.strict.StrictOadp;
import dev.ibu.adapters.oadp.velero.ObjectStore;
import dev.ibu.adapters.oadp.velero.TestVelero;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restores after the pivot followed by watch (issue 14; upstream PR 7785), on the strict API server as the agent's
 * ServiceAccount: the caller asks again only when the adapter wakes it, and each such pass already sees what woke it,
 * so three Restores in three waves finish in exactly one pass per Velero step. The API requests of every pass are
 * counted through a client interceptor: Backups and Restores are listed once, when the watch starts, never per pass.
 */
class WatchedRestoresIT {
    private static final int WAVES = 3;
    private static final int STEPS_PER_RESTORE = 3;  // "" -> New -> InProgress -> Completed

    private StrictOadp cluster;
    private TestVelero velero;
    private OadpBackupAdapter adapter;

    @BeforeEach
    void postPivotCluster() {
        cluster = new StrictOadp();
        cluster.apply("apiVersion: oadp.openshift.io/v1alpha1\nkind: DataProtectionApplication\nmetadata:\n"
                + "  name: dpa\n  namespace: openshift-adp\nspec:\n  backupLocations:\n  - velero:\n"
                + "      provider: aws\n      default: true\n");
        ObjectStore bucket = new ObjectStore();
        for (int i = 1; i <= WAVES; i++) {
            bucket.seed("openshift-adp/b" + i, Map.of("apiVersion", "velero.io/v1", "kind", "Backup",
                    "metadata", Map.of("name", "b" + i, "namespace", "openshift-adp",
                            "labels", Map.of(OadpNames.CLUSTER_ID_LABEL, StrictOadp.CLUSTER_ID)),
                    "spec", Map.of(), "status", Map.of("phase", "Completed")));
        }
        velero = new TestVelero(cluster.admin, bucket);
        adapter = new OadpBackupAdapter(cluster.agent, Instant::now);
    }

    @AfterEach
    void stop() {
        adapter.close();
        velero.close();
        cluster.close();
    }

    private static ExportBundle restores() {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        for (int i = 1; i <= WAVES; i++) {
            files = files.put(i + "/1_r" + i + "_openshift-adp.yaml", Docs.restore("r" + i, "b" + i, String.valueOf(i)));
        }
        return new ExportBundle(files);
    }

    @Test
    void a_caller_woken_by_the_watch_sees_each_step_at_once_and_nothing_is_listed_per_pass() {
        ExportBundle bundle = restores();
        AtomicInteger wakes = new AtomicInteger();
        adapter.onProgress(wakes::incrementAndGet);
        List<Map<String, Integer>> perPass = new ArrayList<>();

        Either<PortFailure, WorkProgress> last = pass(bundle, perPass);
        assertThat(last.get()).as("the Backups are not synced yet").isInstanceOf(WorkProgress.Waiting.class);
        // the sync brings the three Backups (three wakes); then every step of a Restore is one wake
        int expectedWakes = 0;
        int ticks = 0;
        while (!(last.isRight() && last.get() instanceof WorkProgress.Done) && ticks < 3 * WAVES * STEPS_PER_RESTORE) {
            velero.tick();
            expectedWakes += ticks == 0 ? WAVES : 1;
            ticks++;
            awaitWakes(wakes, expectedWakes);
            last = pass(bundle, perPass);
            assertThat(last.isRight()).as("pass %d: %s", perPass.size(), last).isTrue();
        }

        assertThat(last.get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(ticks).as("one pass per step, each seeing its step").isEqualTo(1 + WAVES * STEPS_PER_RESTORE);
        assertThat(velero.log()).containsSubsequence("restore-completed r1", "restore-created r2",
                "restore-completed r2", "restore-created r3", "restore-completed r3");
        Map<String, Integer> all = total(perPass);
        assertThat(adapter.watchStarts()).isEqualTo(2);
        assertThat(all.getOrDefault("list backups", 0) + all.getOrDefault("list restores", 0))
                .as("Backups and Restores are listed when the watch starts, never per pass: %s", all).isEqualTo(2);
        assertThat(all.get("watch backups")).isEqualTo(1);
        assertThat(all.get("watch restores")).isEqualTo(1);
        for (int i = 0; i < perPass.size(); i++) {
            Map<String, Integer> p = perPass.get(i);
            int veleroLists = p.getOrDefault("list backups", 0) + p.getOrDefault("list restores", 0);
            assertThat(RequestCounter.total(p, "list") - veleroLists).as("pass %d lists %s", i, p).isLessThanOrEqualTo(1);
            assertThat(p.getOrDefault("get restores", 0)).as("pass %d reads at most the Restore it may create: %s", i, p)
                    .isLessThanOrEqualTo(1);
        }
        System.out.printf("figure: watched restores, %d waves: %d passes, requests per pass %s%n", WAVES,
                perPass.size(), perPass);
    }

    /** The same run without the watch (the adapter before issue 14: a GET per object per pass), for the figures. */
    @Test
    void figures_of_the_same_run_when_every_pass_reads_every_object() {
        adapter.close();  // a closed watch answers nothing: every lookup is a GET, as before
        ExportBundle bundle = restores();
        List<Map<String, Integer>> perPass = new ArrayList<>();
        Drive d = Drive.until(() -> pass(bundle, perPass), velero::tick, 3 * WAVES * STEPS_PER_RESTORE);

        assertThat(d.last().get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(adapter.watchStarts()).isZero();
        System.out.printf("figure: polled restores, %d waves: %d passes, requests per pass %s%n", WAVES,
                perPass.size(), perPass);
    }

    private Either<PortFailure, WorkProgress> pass(ExportBundle bundle, List<Map<String, Integer>> perPass) {
        Map<String, Integer> before = cluster.requests.snapshot();
        Either<PortFailure, WorkProgress> r = adapter.restore(bundle);
        perPass.add(RequestCounter.since(before, cluster.requests.snapshot()));
        return r;
    }

    /** Waits for the watch to deliver (a bound on rounds, not a timing assertion). */
    private static void awaitWakes(AtomicInteger wakes, int expected) {
        for (int i = 0; i < 600 && wakes.get() < expected; i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(wakes.get()).as("wakes from the watch").isGreaterThanOrEqualTo(expected);
    }

    private static Map<String, Integer> total(List<Map<String, Integer>> passes) {
        Map<String, Integer> all = new java.util.TreeMap<>();
        passes.forEach(p -> p.forEach((k, v) -> all.merge(k, v, Integer::sum)));
        return all;
    }
}
