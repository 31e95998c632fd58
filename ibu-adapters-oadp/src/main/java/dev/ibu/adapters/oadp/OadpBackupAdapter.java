package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vavr.collection.List;
import io.vavr.control.Either;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * {@link BackupPort} on OADP/Velero through fabric8 generic resources ({@code velero.io/v1} Backup, Restore,
 * DeleteBackupRequest, BackupStorageLocation; {@code oadp.openshift.io/v1alpha1} DataProtectionApplication).
 * Every call looks at the cluster afresh (level-triggered); what must survive restarts lives in the cluster. The
 * phases of Backups and Restores come from a watch ({@link VeleroWatch}), which also wakes the caller at once when
 * they move on ({@link #onProgress}); close the adapter to stop it.
 */
public final class OadpBackupAdapter implements BackupPort, AutoCloseable {
    /** How the adapter waits between polls; tests pass one that moves a manual clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final OadpCluster cluster;
    private final ClockPort clock;
    private final OadpSettings settings;
    private final Sleeper sleeper;
    private final OadpValidator validator;
    private final StaleBackups stale;
    private final BackupRunner backups;
    private final OadpExporter exporter;
    private final RestoreRunner restores;
    private final BackupCleanup cleanup;
    private final ClusterFacts facts;
    private final VeleroWatch watch;

    public OadpBackupAdapter(KubernetesClient client, ClockPort clock) {
        this(client, clock, OadpSettings.DEFAULTS, d -> Thread.sleep(d.toMillis()));
    }

    public OadpBackupAdapter(KubernetesClient client, ClockPort clock, OadpSettings settings, Sleeper sleeper) {
        this.cluster = new OadpCluster(client);
        this.clock = clock;
        this.settings = settings;
        this.sleeper = sleeper;
        LvmsReclaimPolicy reclaim = new LvmsReclaimPolicy(client);
        BackupDeleter deleter = new BackupDeleter(cluster, clock, settings.deletionTimeout());
        this.watch = new VeleroWatch(client, OadpNames.OADP_NAMESPACE);
        VeleroLookup lookup = new VeleroLookup(cluster, watch);
        this.validator = new OadpValidator(cluster);
        this.stale = new StaleBackups(lookup, deleter);
        this.backups = new BackupRunner(cluster, lookup, stale, reclaim);
        this.exporter = new OadpExporter(cluster);
        this.restores = new RestoreRunner(cluster, lookup, reclaim);
        this.cleanup = new BackupCleanup(cluster, deleter, reclaim);
        this.facts = new ClusterFacts(cluster);
    }

    @Override
    public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> oadpContent) {
        return validator.validate(oadpContent.asJava()).flatMap(content -> clusterId().flatMap(id -> {
            String prefix = OadpValidator.CONFIGMAP + "Failed to cleanup stale Backups: ";
            Either<PortFailure, WorkProgress> cleaned = waitFor(
                    () -> stale.clean(OadpContentReader.backups(content), id, prefix, PortFailure::invalid)
                            .map(w -> w.orElse(new WorkProgress.Done())),
                    prefix + "failed to delete backups: context deadline exceeded");
            return cleaned.flatMap(done -> facts.lvmsClaims()).map(claims -> {
                java.util.List<String> warnings = new ArrayList<>(LvmsPreflight.warnings(content, claims));
                BackupStorage.unavailable(cluster).ifPresent(w -> warnings.add(w + " (the Upgrade stage waits until this is fixed)"));
                return new ManifestValidation(List.ofAll(warnings));
            });
        }));
    }

    @Override
    public Either<PortFailure, WorkProgress> backup(List<ConfigMapRef> oadpContent) {
        return clusterId().flatMap(id -> backups.run(oadpContent.asJava(), id));
    }

    @Override
    public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> oadpContent) {
        return exporter.export(oadpContent.asJava());
    }

    @Override
    public Either<PortFailure, WorkProgress> restore(ExportBundle exported) {
        return clusterId().flatMap(id -> restores.run(exported, id));
    }

    /**
     * Blocks until the Backups are deleted or the deletion timeout passed, because this port's result cannot say
     * "still waiting". {@link #cleanupStep()} is the non-blocking form.
     */
    @Override
    public Either<PortFailure, Void> cleanup() {
        return waitFor(this::cleanupStep, BackupCleanup.CLEANUP_BACKUPS + "failed to delete backups: context deadline exceeded")
                .map(done -> null);
    }

    /** One look at the Idle cleanup: Done, Waiting (call again, e.g. in 1 to 10 s) or a failure. */
    @Override
    public Either<PortFailure, WorkProgress> cleanupStep() {
        if (!cluster.oadpInstalled()) {
            return Either.right(new WorkProgress.Done());
        }
        return clusterId().flatMap(cleanup::step);
    }

    /**
     * {@code wake} runs (on a watch thread; it must only enqueue) when a Backup or Restore of the OADP namespace
     * changes phase, a Backup arrives with a phase (synced from the bucket) or a Backup goes. The watch starts with
     * the first {@link #backup}, {@link #restore} or {@link #validate} that looks at Backups or Restores.
     */
    @Override
    public void onProgress(Runnable wake) {
        watch.listen(wake);
    }

    /** Stops the watch (the client stays open: it is the caller's). */
    @Override
    public void close() {
        watch.close();
    }

    /** How many times the watch (re)started an informer, each start being one list call (tests, figures). */
    int watchStarts() {
        return watch.starts();
    }

    private Either<PortFailure, String> clusterId() {
        return cluster.clusterId().mapLeft(e -> PortFailure.transientFailure("failed to get ClusterVersion: " + e));
    }

    /** Polls until Done or a failure; gives up (Terminal {@code timeoutMessage}) after the deletion timeout. */
    private Either<PortFailure, WorkProgress> waitFor(Supplier<Either<PortFailure, WorkProgress>> step, String timeoutMessage) {
        // a little beyond the per-Backup deadline, so the deleter's own (more precise) message wins
        Instant giveUp = clock.now().plus(settings.deletionTimeout()).plus(settings.pollInterval().multipliedBy(2));
        while (true) {
            Either<PortFailure, WorkProgress> r = step.get();
            if (r.isLeft() || r.get() instanceof WorkProgress.Done) {
                return r;
            }
            if (clock.now().isAfter(giveUp)) {
                return Either.left(PortFailure.terminal(timeoutMessage));
            }
            try {
                sleeper.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Either.left(PortFailure.transientFailure("interrupted while waiting: " + r.get()));
            }
        }
    }
}
