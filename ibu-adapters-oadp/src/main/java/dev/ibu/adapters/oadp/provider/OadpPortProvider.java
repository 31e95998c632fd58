package dev.ibu.adapters.oadp.provider;

import dev.ibu.adapters.oadp.OadpBackupAdapter;
import dev.ibu.adapters.oadp.local.LocalBackups;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The backup/restore port, found by ServiceLoader: OADP (Velero) or the local backup per upgrade ({@link
 * LocalBackups}). Needs a shared {@link KubernetesClient}; the local backup also needs setting {@code host.root} or
 * {@code backup.local.root}.
 */
public final class OadpPortProvider implements PortProvider {
    @Override
    public String name() {
        return "oadp";
    }

    @Override
    public List<Class<?>> ports() {
        return List.of(BackupPort.class);
    }

    @Override
    public <T> Optional<T> create(Class<T> port, PortContext context) {
        if (port != BackupPort.class) {
            return Optional.empty();
        }
        ClockPort clock = context.shared(ClockPort.class).orElse(Instant::now);
        return context.shared(KubernetesClient.class).map(c -> port.cast(
                LocalBackups.selecting(c, new OadpBackupAdapter(c, clock), LocalBackups.settings(context))));
    }
}
