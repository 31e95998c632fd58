package dev.ibu.ports.testkit;

import io.vavr.collection.HashSet;
import io.vavr.collection.Set;

/** A Backup or Restore in the in-memory Velero; its phase moves on each tick until it is final. */
final class VeleroObject {
    static final String COMPLETED = "Completed";
    static final String FAILED = "Failed";
    static final String IN_PROGRESS = "InProgress";
    private static final Set<String> FAILED_PHASES = HashSet.of(FAILED, "PartiallyFailed", "FailedValidation");

    final String namespace;
    final String name;
    /** For a Restore: the Backup it restores from. */
    final String backupName;
    final boolean willFail;
    String phase = "";
    /** Created by the current call: upstream counts a just-created object as progressing. */
    boolean justCreated = true;
    private int ticks;

    VeleroObject(String namespace, String name, String backupName, boolean willFail) {
        this.namespace = namespace;
        this.name = name;
        this.backupName = backupName;
        this.willFail = willFail;
    }

    String key() {
        return namespace + "/" + name;
    }

    boolean isFinal() {
        return COMPLETED.equals(phase) || FAILED_PHASES.contains(phase);
    }

    boolean succeeded() {
        return COMPLETED.equals(phase);
    }

    boolean failed() {
        return FAILED_PHASES.contains(phase);
    }

    boolean pending() {
        return phase.isEmpty() && !justCreated;
    }

    boolean progressing() {
        return !isFinal() && !pending();
    }

    void tick(int ticksToFinish) {
        justCreated = false;
        if (isFinal()) {
            return;
        }
        ticks++;
        phase = ticks < ticksToFinish ? IN_PROGRESS : willFail ? FAILED : COMPLETED;
    }
}
