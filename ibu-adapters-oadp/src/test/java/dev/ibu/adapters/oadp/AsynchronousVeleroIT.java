package dev.ibu.adapters.oadp;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.ports.out.ClockPort;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.WorkProgress;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Velero as a controller: it reacts to watch events on its own threads while the adapter polls with real sleeps and
 * the system clock. After setup nothing ticks Velero by hand.
 */
class AsynchronousVeleroIT {

    @Test
    void backups_and_the_blocking_cleanup_complete_against_a_watching_velero() throws InterruptedException {
        ClockPort system = Instant::now;
        OadpSettings settings = new OadpSettings(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMillis(50));
        try (OadpWorld w = OadpWorld.standard()) {
            w.velero.watch();
            OadpBackupAdapter adapter = w.adapter(system, settings, d -> Thread.sleep(d.toMillis()));
            List<ConfigMapRef> refs = List.of(w.configMap("oadp-cm", Map.of("c.yaml", Docs.stream(
                    Docs.backup("app", "1"), Docs.backup("later", "2"),
                    Docs.restore("r-app", "app", "1"), Docs.restore("r-later", "later", "2")))));

            Either<PortFailure, WorkProgress> r = adapter.backup(refs);
            for (int i = 0; i < 400 && r.isRight() && !(r.get() instanceof WorkProgress.Done); i++) {
                Thread.sleep(25);
                r = adapter.backup(refs);
            }
            assertThat(r.get()).isInstanceOf(WorkProgress.Done.class);
            assertThat(w.store.backupKeys()).hasSize(2);

            Either<PortFailure, Void> cleaned = adapter.cleanup();

            assertThat(cleaned.isRight()).as("cleanup: %s", cleaned).isTrue();
            assertThat(w.list(VeleroKinds.BACKUP)).isEmpty();
            assertThat(w.store.backupKeys()).isEmpty();
        }
    }
}
