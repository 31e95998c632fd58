package dev.ibu.adapters.oadp.provider;

import dev.ibu.adapters.oadp.OadpAdapters;
import dev.ibu.adapters.oadp.local.LocalBackups;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Optional;

/**
 * The backup/restore port, found by ServiceLoader, built on {@link OadpAdapters} (a shared one, or one made on a shared
 * {@link KubernetesClient} and the shared {@link ClockPort}): OADP (Velero) or the local backup per upgrade ({@link
 * LocalBackups}, which also needs setting {@code host.root} or {@code backup.local.root}). Without a client or a
 * facade it provides nothing.
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
        ClockPort clock = context.shared(ClockPort.class).orElseGet(ClockPort::system);
        return context.shared(OadpAdapters.class)
                .or(() -> context.shared(KubernetesClient.class).map(client -> new OadpAdapters(client, clock)))
                .map(oadp -> port.cast(oadp.backupPort(LocalBackups.settings(context))));
    }
}
