package dev.ibu.adapters.oadp.local;

import dev.ibu.adapters.oadp.OadpCluster;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.PortContext;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the backup port is assembled for the engine: the OADP adapter and, when the agent can reach the node's files,
 * the local backup, behind a {@link BackupMethodSelector}. The local backup's root comes from setting {@value
 * #ROOT_SETTING} (a directory on the shared container partition), else from {@value #HOST_ROOT_SETTING} (the host's
 * root as mounted in the agent: {@code <host.root>/var/lib/containers/ibu-local-backup}); without either there is
 * no local backup and everything goes to OADP.
 */
public final class LocalBackups {
    public static final String ROOT_SETTING = "backup.local.root";
    public static final String HOST_ROOT_SETTING = "host.root";

    private LocalBackups() {
    }

    public static Optional<LocalBackupSettings> settings(PortContext context) {
        return context.setting(ROOT_SETTING).map(root -> LocalBackupSettings.at(Path.of(root)))
                .or(() -> context.setting(HOST_ROOT_SETTING).map(host -> LocalBackupSettings.onHost(Path.of(host))));
    }

    /** The selecting port over {@code oadp} and, with {@code local} settings, the local backup. */
    public static BackupPort selecting(KubernetesClient client, BackupPort oadp, Optional<LocalBackupSettings> local) {
        return new BackupMethodSelector(new OadpCluster(client), oadp,
                local.map(settings -> new LocalBackupAdapter(client, settings)));
    }
}
