package dev.ibu.ports.out;

import io.vavr.control.Either;

/** Rebooting the node, and the init monitor that rolls back when the upgrade does not finish in time. */
public interface RebootPort {
    /**
     * Reboots into the default deployment. On a real host this does not return; an in-memory or recorded host
     * returns Right after "rebooting". Left when the reboot command failed.
     */
    Either<PortFailure, Void> reboot(String reason);

    /** Stops and removes the init monitor once the upgrade completed (errors are reported, not fatal). */
    Either<PortFailure, Void> disableInitMonitor();
}
