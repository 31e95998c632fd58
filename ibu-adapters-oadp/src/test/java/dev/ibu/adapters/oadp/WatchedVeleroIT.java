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
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups before the pivot and Restores after it, followed by watch (issue 14; upstream PR 7785), on the strict API
 * server as the agent's ServiceAccount: the caller asks again only when the adapter wakes it, and each such pass
 * already sees what woke it, so three waves finish in exactly one pass per Velero step. The API requests of every
 * pass are counted through a client interceptor: Backups and Restores are listed once, when the watch starts, never
 * per pass. The same runs without the watch (a GET per object per pass, as before) print their figures beside.
 */
class WatchedVeleroIT {
    private static final int WAVES = 3;
    private static final int STEPS = 3;  // of a Backup or Restore: "" -> New -> InProgress -> Completed

    private StrictOadp cluster;
    private TestVelero velero;
    private OadpBackupAdapter adapter;
    private ObjectStore bucket;

    @BeforeEach
    void postPivotCluster() {
        cluster = new StrictOadp();
        cluster.apply("apiVersion: oadp.openshift.io/v1alpha1\nkind: DataProtectionApplication\nmetadata:\n"
                + "  name: dpa\n  namespace: openshift-adp\nspec:\n  backupLocations:\n  - velero:\n"
                + "      provider: aws\n      default: true\n");
        bucket = new ObjectStore();
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
    void restores_a_caller_woken_by_the_watch_sees_each_step_at_once_and_nothing_is_listed_per_pass() {
        ExportBundle bundle = restores();
        // the sync brings the three Backups at the first tick (three wakes); then every step of a Restore is one wake
        List<Map<String, Integer>> perPass = runWoken(() -> adapter.restore(bundle), 1 + WAVES * STEPS,
                tick -> tick == 1 ? WAVES : 1);

        assertThat(velero.log()).containsSubsequence("restore-completed r1", "restore-created r2",
                "restore-completed r2", "restore-created r3", "restore-completed r3");
        assertWatchedCounts(perPass, 2);
        System.out.printf("figure: watched restores, %d waves: %d passes, requests per pass %s%n", WAVES,
                perPass.size(), perPass);
    }

    @Test
    void backups_a_caller_woken_by_the_watch_sees_each_step_at_once_and_nothing_is_listed_per_pass() {
        bucket.clear();  // before the pivot: nothing in the bucket yet
        velero.tick();  // the DPA reconciled and its location Available, as the health check requires
        var refs = io.vavr.collection.List.of(backupContent());
        List<Map<String, Integer>> perPass = runWoken(() -> adapter.backup(refs), WAVES * STEPS,
                tick -> 1);

        assertThat(velero.log()).containsSubsequence("backup-completed b1", "backup-completed b2",
                "backup-completed b3");
        assertWatchedCounts(perPass, 1);
        System.out.printf("figure: watched backups, %d waves: %d passes, requests per pass %s%n", WAVES,
                perPass.size(), perPass);
    }

    /** The same runs without the watch (the adapter before issue 14: a GET per object per pass), for the figures. */
    @Test
    void figures_of_the_same_runs_when_every_pass_reads_every_object() {
        adapter.close();  // a closed watch answers nothing: every lookup is a GET, as before
        ExportBundle bundle = restores();
        List<Map<String, Integer>> restorePasses = new ArrayList<>();
        Drive restored = Drive.until(() -> pass(() -> adapter.restore(bundle), restorePasses), velero::tick,
                3 * WAVES * STEPS);
        bucket.clear();  // a fresh installation: nothing to sync
        cluster.admin.genericKubernetesResources(VeleroKinds.BACKUP).inNamespace("openshift-adp").delete();
        var refs = io.vavr.collection.List.of(backupContent());
        List<Map<String, Integer>> backupPasses = new ArrayList<>();
        Drive backedUp = Drive.until(() -> pass(() -> adapter.backup(refs), backupPasses), velero::tick,
                3 * WAVES * STEPS);

        assertThat(restored.last().get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(backedUp.last().get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(adapter.watchStarts()).isZero();
        System.out.printf("figure: polled restores, %d waves: %d passes, requests per pass %s%n", WAVES,
                restorePasses.size(), restorePasses);
        System.out.printf("figure: polled backups, %d waves: %d passes, requests per pass %s%n", WAVES,
                backupPasses.size(), backupPasses);
    }

    /**
     * Asks once, then after each Velero step waits for its wakes ({@code wakesAt} the step's number) and asks again:
     * Done after exactly {@code steps} steps, so every woken pass saw the step that woke it.
     */
    private List<Map<String, Integer>> runWoken(Supplier<Either<PortFailure, WorkProgress>> call, int steps,
                                                IntUnaryOperator wakesAt) {
        AtomicInteger wakes = new AtomicInteger();
        adapter.onProgress(wakes::incrementAndGet);
        List<Map<String, Integer>> perPass = new ArrayList<>();
        Either<PortFailure, WorkProgress> last = pass(call, perPass);
        int expectedWakes = 0;
        int ticks = 0;
        while (!(last.isRight() && last.get() instanceof WorkProgress.Done) && ticks < 3 * steps) {
            velero.tick();
            ticks++;
            expectedWakes += wakesAt.applyAsInt(ticks);
            awaitWakes(wakes, expectedWakes);
            last = pass(call, perPass);
            assertThat(last.isRight()).as("pass %d: %s", perPass.size(), last).isTrue();
        }
        assertThat(last.get()).isInstanceOf(WorkProgress.Done.class);
        assertThat(ticks).as("one pass per step, each seeing its step").isEqualTo(steps);
        return perPass;
    }

    /** {@code informers}: the kinds the run looked at (Backups only before the pivot, both after it). */
    private void assertWatchedCounts(List<Map<String, Integer>> perPass, int informers) {
        // the whole run, not the sum of the passes: the informers list and watch on their own threads
        Map<String, Integer> all = cluster.requests.snapshot();
        assertThat(adapter.watchStarts()).isEqualTo(informers);
        assertThat(all.getOrDefault("list backups", 0) + all.getOrDefault("list restores", 0))
                .as("Backups and Restores are listed when the watch starts, never per pass: %s", all)
                .isEqualTo(informers);
        assertThat(all.getOrDefault("watch backups", 0) + all.getOrDefault("watch restores", 0)).isEqualTo(informers);
        for (int i = 1; i < perPass.size(); i++) {
            Map<String, Integer> p = perPass.get(i);
            int veleroLists = p.getOrDefault("list backups", 0) + p.getOrDefault("list restores", 0);
            assertThat(RequestCounter.total(p, "list") - veleroLists).as("pass %d lists (besides the informers' "
                    + "own, counted above) %s", i, p).isLessThanOrEqualTo(2);
            assertThat(p.getOrDefault("get restores", 0) + p.getOrDefault("get backups", 0))
                    .as("pass %d reads only the object it may create (before the pivot the stale check and the "
                            + "create each ask): %s", i, p).isLessThanOrEqualTo(2);
        }
    }

    private dev.ibu.domain.ConfigMapRef backupContent() {
        StringBuilder docs = new StringBuilder();
        for (int i = 1; i <= WAVES; i++) {
            docs.append("---\n").append(Docs.backup("b" + i, String.valueOf(i)));
        }
        cluster.admin.configMaps().inNamespace("openshift-adp").resource(new io.fabric8.kubernetes.api.model
                .ConfigMapBuilder().withNewMetadata().withName("oadp-cm").endMetadata()
                .withData(Map.of("backups.yaml", docs.toString())).build()).createOr(o -> o.update());
        return new dev.ibu.domain.ConfigMapRef("oadp-cm", "openshift-adp");
    }

    private Either<PortFailure, WorkProgress> pass(Supplier<Either<PortFailure, WorkProgress>> call,
                                                   List<Map<String, Integer>> perPass) {
        Map<String, Integer> before = cluster.requests.snapshot();
        Either<PortFailure, WorkProgress> r = call.get();
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

}
