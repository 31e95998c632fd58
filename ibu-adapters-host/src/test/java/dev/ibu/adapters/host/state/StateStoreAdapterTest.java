package dev.ibu.adapters.host.state;

import dev.ibu.adapters.host.support.AtomicFiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.testing.TestIbus;
import dev.ibu.domain.AutoRollbackOnFailure;
import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionStatus;
import dev.ibu.domain.Conditions;
import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Metadata;
import dev.ibu.domain.PhaseHistory;
import dev.ibu.domain.SeedImageRef;
import dev.ibu.domain.Spec;
import dev.ibu.domain.Stage;
import dev.ibu.domain.StageHistory;
import dev.ibu.domain.Status;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreAdapterTest {

    @TempDir
    Path tmp;

    @Test
    void ibu_round_trips_per_stateroot_with_private_modes() throws Exception {
        StateStoreAdapter store = new StateStoreAdapter(HostLayout.forSysroot(tmp, tmp.resolve("w")));
        ImageBasedUpgrade ibu = TestIbus.sample();
        store.saveIbu("rhcos_4.16.0", ibu).get();
        assertThat(store.loadIbu("rhcos_4.16.0").get()).contains(ibu);
        assertThat(store.loadIbu("rhcos").get()).isEmpty();
        Path file = tmp.resolve("ostree/deploy/rhcos_4.16.0/var/lib/lca/ibu.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).contains("\"apiVersion\":\"lca.openshift.io/v1\"", "\"stage\":\"Upgrade\"");
        try (var s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("ibu.json"); // no temp files left
        }
        store.deleteIbu("rhcos_4.16.0").get();
        store.deleteIbu("rhcos_4.16.0").get();
        assertThat(store.loadIbu("rhcos_4.16.0").get()).isEmpty();
    }

    @Test
    void bundles_keep_order_and_are_deleted_with_the_workspace() throws Exception {
        StateStoreAdapter store = new StateStoreAdapter(HostLayout.forSysroot(tmp, tmp.resolve("w")));
        ExportBundle b = new ExportBundle(LinkedHashMap.of("2/z.yaml", "kind: Restore\n", "1/a.yaml", "kind: Restore\n",
            "10/m.yaml", "x"));
        store.saveBundle("rhcos_4.16.0", "oadp", b).get();
        assertThat(store.loadBundle("rhcos_4.16.0", "oadp").get().get().files().keySet().toJavaList())
            .containsExactly("2/z.yaml", "1/a.yaml", "10/m.yaml");
        Files.createDirectories(tmp.resolve("ostree/deploy/rhcos_4.16.0/var/lib/lca/workspace"));
        store.deleteBundles("rhcos_4.16.0").get();
        assertThat(store.loadBundle("rhcos_4.16.0", "oadp").get()).isEmpty();
        assertThat(tmp.resolve("ostree/deploy/rhcos_4.16.0/var/lib/lca/workspace")).doesNotExist();
    }

    @Test
    void refuses_names_that_would_leave_the_stateroot() {
        StateStoreAdapter store = new StateStoreAdapter(HostLayout.forSysroot(tmp, tmp.resolve("w")));
        assertThat(store.saveIbu("../etc", TestIbus.sample()).getLeft()).isInstanceOf(PortFailure.Invalid.class);
        assertThat(store.saveBundle("rhcos", "../../x", ExportBundle.EMPTY).getLeft().message())
            .contains("invalid bundle name \"../../x\"");
    }

    @Test
    void atomic_write_replaces_whole_content() throws Exception {
        Path f = tmp.resolve("d/state.json");
        AtomicFiles.write(f, "a".repeat(10_000));
        AtomicFiles.write(f, "short");
        assertThat(f).hasContent("short");
        assertThat(AtomicFiles.read(tmp.resolve("d/none"))).isEmpty();
    }
}
