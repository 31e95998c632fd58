package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.Messages;
import dev.ibu.domain.Reasons;
import dev.ibu.domain.Setters;
import dev.ibu.ports.out.EventPort;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The cleanup of abort and finalize (spec §4.1): every step is attempted even when an earlier one failed, the booted
 * stateroot is never removed, and {@link FailurePolicy#cleanup} decides what the collected failures mean.
 */
final class Cleanup {
    private Cleanup() {
    }

    static Step run(Pass pass, boolean finalize) {
        java.util.List<PortFailure> failures = new ArrayList<>();
        removeUnbootedStateroots(pass).forEach(failures::add);
        pass.ports.precache().cleanup().peekLeft(failures::add);
        if (pass.ibu().metadata().hasAnnotation(Annotations.VALIDATION_WARNING)) {
            pass.ports.resource().setAnnotation(Annotations.VALIDATION_WARNING, Option.none())
                    .peekLeft(failures::add).forEach(pass::replaceMetadata);
        }
        Either<PortFailure, WorkProgress> backups = pass.ports.backups().cleanupStep();
        backups.peekLeft(failures::add);
        boolean backupsPending = backups.isRight() && !(backups.get() instanceof WorkProgress.Done);
        pass.bootedStateroot().forEach(b -> {
            pass.ports.stateStore().deleteBundles(b).peekLeft(failures::add);
            // a copy saved for an uncontrolled rollback must not be restored at a later start
            pass.ports.stateStore().deleteIbu(b).peekLeft(failures::add);
        });
        Step failed = FailurePolicy.cleanup(List.ofAll(failures));
        if (!failed.proceeds()) {
            return failed;
        }
        if (backupsPending) {
            // Velero deletes backups asynchronously: look again soon instead of holding the reconcile
            pass.update(c -> Setters.idleInProgress(c, finalize ? Reasons.FINALIZING : Reasons.ABORTING,
                    finalize ? Messages.FINALIZING : Messages.ABORTING, pass.stamp()));
            return Step.requeue(Requeue.SHORT, "waiting for the backups to be deleted");
        }
        pass.updateStatus(s -> s.withRollbackAvailabilityExpiration(Option.none()).withHistory(List.empty())
                .withConditions(Setters.reset(s.conditions(), pass.stamp())));
        pass.ports.events().emit(EventPort.Type.NORMAL, finalize ? "Finalized" : "Aborted",
                (finalize ? "Finalize" : "Abort") + " completed: the IBU is Idle");
        return Step.done(finalize ? "finalized" : "aborted");
    }

    /** One failure naming every stateroot that could not be removed, of the kind they share (see below). */
    private static Option<PortFailure> removeUnbootedStateroots(Pass pass) {
        Option<String> booted = pass.bootedStateroot();
        if (booted.isEmpty()) {
            return Option.some(PortFailure.terminal("failed to find the booted stateroot, so no stateroot was "
                    + "removed;"));
        }
        Set<String> candidates = new LinkedHashSet<>(pass.host.staterootNames().asJava());
        // a stateroot whose setup job never made a deployment still has a directory and a job to forget
        pass.newStateroot().forEach(candidates::add);
        List<PortFailure> failed = List.ofAll(candidates).filter(name -> !name.equals(booted.get()))
                .flatMap(name -> pass.ports.stateroots().remove(name).swap().toOption());
        if (failed.isEmpty()) {
            return Option.none();
        }
        String message = "failed to remove " + failed.size() + " stateroots: "
                + failed.map(PortFailure::message).mkString("; ") + ";";
        return Option.some(sameKind(failed, message));
    }

    /** Conflict if all were, Transient if all were transient or conflicts, else Terminal (a person must look). */
    private static PortFailure sameKind(List<PortFailure> failed, String message) {
        if (failed.forAll(f -> f instanceof PortFailure.Conflict)) {
            return PortFailure.conflict(message);
        }
        return failed.forAll(f -> f instanceof PortFailure.Transient || f instanceof PortFailure.Conflict)
                ? PortFailure.transientFailure(message) : PortFailure.terminal(message);
    }
}
