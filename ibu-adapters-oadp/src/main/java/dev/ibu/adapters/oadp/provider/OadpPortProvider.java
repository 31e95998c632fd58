package dev.ibu.adapters.oadp.provider;

import dev.ibu.adapters.oadp.OadpBackupAdapter;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortContext;
import dev.ibu.ports.out.PortProvider;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The backup/restore port on OADP (Velero), found by ServiceLoader. Needs a shared {@link KubernetesClient}. */
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
        return context.shared(KubernetesClient.class).map(c -> port.cast(new OadpBackupAdapter(c, clock)));
    }
}
