package dev.ibu.agent.local.sim;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;

import java.time.Duration;
import java.time.Instant;

/**
 * A simulated OADP/Velero: the oadpContent ConfigMaps are read for real from the embedded API server; Backups and
 * Restores each take {@link #WORK_TIME} of simulated time; {@code --fail=backup} fails a Backup, and
 * {@code --fail=abort|cleanup} makes deleting the backups fail with the seed document's message.
 */
public final class SimVelero implements BackupPort {
    static final Duration WORK_TIME = Duration.ofSeconds(60);
    static final String BACKUP = "acm-klusterlet";

    private final ClockPort clock;
    private final ConfigMapPort configMaps;
    private final SimFaults faults;
    private Instant backupStarted;
    private Instant restoreStarted;

    public SimVelero(ClockPort clock, ConfigMapPort configMaps, SimFaults faults) {
        this.clock = clock;
        this.configMaps = configMaps;
        this.faults = faults;
    }

    @Override
    public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> oadpContent) {
        return configMaps.read(oadpContent).map(x -> ManifestValidation.CLEAN);
    }

    @Override
    public synchronized Either<PortFailure, WorkProgress> backup(List<ConfigMapRef> oadpContent) {
        if (backupStarted == null) {
            backupStarted = clock.now();
            return Either.right(new WorkProgress.Progressing("created Backup " + BACKUP));
        }
        if (clock.now().isBefore(backupStarted.plus(WORK_TIME))) {
            return Either.right(new WorkProgress.Progressing("Backup " + BACKUP + " InProgress"));
        }
        if (faults.active(FailStep.BACKUP)) {
            faults.fired(FailStep.BACKUP);
            return Either.left(PortFailure.terminal("Failed backup CRs: " + BACKUP));
        }
        return Either.right(new WorkProgress.Done());
    }

    @Override
    public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> oadpContent) {
        return configMaps.read(oadpContent).map(cms -> {
            LinkedHashMap<String, String> files = LinkedHashMap.empty();
            for (var cm : cms) {
                for (var e : new java.util.TreeMap<>(cm.data()).entrySet()) {
                    files = files.put("1/" + e.getKey(), e.getValue());
                }
            }
            return new ExportBundle(files);
        });
    }

    @Override
    public synchronized Either<PortFailure, WorkProgress> restore(ExportBundle exported) {
        if (restoreStarted == null) {
            restoreStarted = clock.now();
            return Either.right(new WorkProgress.Progressing("created " + exported.files().size() + " Restores"));
        }
        if (clock.now().isBefore(restoreStarted.plus(WORK_TIME))) {
            return Either.right(new WorkProgress.Progressing("Restores InProgress"));
        }
        return Either.right(new WorkProgress.Done());
    }

    @Override
    public synchronized Either<PortFailure, Void> cleanup() {
        if (faults.active(FailStep.ABORT) || faults.active(FailStep.CLEANUP)) {
            faults.fired(faults.active(FailStep.ABORT) ? FailStep.ABORT : FailStep.CLEANUP);
            return Either.left(PortFailure.transientFailure("failed to delete all the backup CRs."));
        }
        backupStarted = null;
        restoreStarted = null;
        return Either.right(null);
    }
}
