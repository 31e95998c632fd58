package dev.ibu.adapters.oadp;

import dev.ibu.adapters.oadp.local.LocalBackupSettings;
import dev.ibu.adapters.oadp.local.LocalBackups;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Objects;
import java.util.Optional;

/**
 * Wires this module's port on one Kubernetes client (as {@code HostAdapters} does the host's): the one way the OADP
 * adapter is built, by its {@code OadpPortProvider}, by the agent's {@code cleanup}, and by hand. The client belongs
 * to the caller, who closes it.
 */
public final class OadpAdapters {
    private final KubernetesClient client;
    private final ClockPort clock;

    /** @param clock dates backups and deletion attempts */
    public OadpAdapters(KubernetesClient client, ClockPort clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OadpBackupAdapter backups() {
        return new OadpBackupAdapter(client, clock);
    }

    /**
     * The backup port the engine uses: OADP, or the local backup on the shared partition when the upgrade asks for
     * it (or OADP is not installed) and {@code local} says where that partition is; without it, OADP only.
     */
    public BackupPort backupPort(Optional<LocalBackupSettings> local) {
        return LocalBackups.selecting(client, backups(), local);
    }
}
