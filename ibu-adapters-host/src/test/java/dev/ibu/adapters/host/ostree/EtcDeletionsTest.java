package dev.ibu.adapters.host.ostree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.adapters.host.seed.SeedFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcDeletionsTest {

    @TempDir
    Path dep;

    @Test
    void deletes_listed_paths_and_tolerates_already_missing_ones() throws Exception {
        Files.createDirectories(dep.resolve("etc/sub/dir"));
        Files.writeString(dep.resolve("etc/a.conf"), "x");
        Files.writeString(dep.resolve("etc/sub/dir/f"), "x");
        Path list = dep.resolve("etc.deletions");
        Files.writeString(list, "  /etc/a.conf \n\n/etc/gone.conf\n/etc/sub/dir\n");
        StaterootSetupJob.applyEtcDeletions(list, dep);
        assertThat(dep.resolve("etc/a.conf")).doesNotExist();
        assertThat(dep.resolve("etc/sub/dir")).doesNotExist();
        assertThat(dep.resolve("etc/sub")).exists();
    }

    @Test
    void refuses_paths_outside_etc_or_through_symlinks() throws Exception {
        Path list = dep.resolve("etc.deletions");
        Files.writeString(list, "/etc/../usr/bin/sh\n");
        assertThatThrownBy(() -> StaterootSetupJob.applyEtcDeletions(list, dep)).isInstanceOf(SeedFormatException.class)
            .hasMessageContaining("etc.deletions line \"/etc/../usr/bin/sh\" is not a path under /etc");
        Files.createDirectories(dep.resolve("etc"));
        Files.createSymbolicLink(dep.resolve("etc/link"), Path.of("/"));
        Files.writeString(list, "/etc/link/passwd\n");
        assertThatThrownBy(() -> StaterootSetupJob.applyEtcDeletions(list, dep)).isInstanceOf(SeedFormatException.class);
        Files.writeString(list, "/var/lib/x\n");
        assertThatThrownBy(() -> StaterootSetupJob.applyEtcDeletions(list, dep)).isInstanceOf(SeedFormatException.class);
    }
}
