package dev.ibu.ports.engine;

import dev.ibu.domain.Annotations;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Reasons;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.control.Option;

/**
 * The invariants of issue 11, checked after every port call that returns, when the agent dies, after a power loss
 * and after every script step. Each throws an AssertionError saying which one broke and where.
 */
final class CrashInvariants {
    private CrashInvariants() {
    }

    static void check(CrashRun run, String where) {
        TestWorld w = run.world;
        String booted = w.host().bootedStateroot();
        String def = w.host().defaultStateroot();
        String newSr = w.newStateroot();
        Option<ImageBasedUpgrade> cr = w.cluster().ibu();
        require(w.host().staterootNames().contains(booted), where, "the booted stateroot " + booted
                + " is never removed");
        if (!def.equals(booted)) {
            // the next boot, planned or not (power loss), goes into another stateroot: it must find the CR there
            require(w.host().savedIbu(def).isDefined(), where, "the next boot goes into " + def + ", which holds no "
                    + "saved CR");
        }
        if (def.equals(newSr) && !booted.equals(newSr)) {
            var phases = w.velero().backupPhases();
            require(!phases.isEmpty() && phases.values().forAll("Completed"::equals), where, "no pivot without "
                    + "completed backups: the next boot goes into " + newSr + " with backups " + phases);
        }
        // the CR lives in the API server, or (between the delete and the create of a restore) in the booted stateroot
        require(cr.isDefined() || w.host().savedIbu(booted).isDefined(), where, "the CR is gone from the API "
                + "server and no stateroot the node boots holds it");
        // restores are needed while the node runs the new stateroot; back in the original one (after a rollback) the
        // applications never left it, and abort may delete the backups (as EnginePropertyTest judges it)
        var violations = w.velero().violations();
        if (violations.size() > run.violationsSeen) {
            require(!booted.equals(newSr), where, "nothing a restore needs is deleted: " + violations);
            run.violationsSeen = violations.size();
        }
        cr.forEach(ibu -> annotationNotLost(run, ibu, where));
    }

    /** Never is the manual-cleanup-done annotation gone while the status still waits for it. */
    private static void annotationNotLost(CrashRun run, ImageBasedUpgrade ibu, String where) {
        if (!run.annotationAwaitingTake) {
            return;
        }
        String reason = ibu.status().conditions().find(ConditionTypes.IDLE).map(c -> c.reason()).getOrElse("");
        boolean waiting = Reasons.FINALIZE_FAILED.equals(reason) || Reasons.ABORT_FAILED.equals(reason);
        if (!waiting) {
            run.annotationAwaitingTake = false;  // the retry was taken: the engine may remove the annotation now
            return;
        }
        require(ibu.metadata().hasAnnotation(Annotations.MANUAL_CLEANUP_DONE), where, "the "
                + Annotations.MANUAL_CLEANUP_DONE + " annotation is gone while the status still waits for it ("
                + reason + ")");
    }

    private static void require(boolean ok, String where, String invariant) {
        if (!ok) {
            throw new AssertionError("invariant broken " + where + ": " + invariant);
        }
    }
}
