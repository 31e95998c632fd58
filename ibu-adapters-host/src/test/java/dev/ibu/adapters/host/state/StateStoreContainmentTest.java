package dev.ibu.adapters.host.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.testing.TestIbus;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.PortFailure;
import io.vavr.collection.LinkedHashMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: a seed's stateroot holding links out must not make the agent write, chmod or delete outside it. */
class StateStoreContainmentTest {

    @TempDir
    Path tmp;

    Path sysroot;
    Path outside;
    HostLayout layout;
    StateStoreAdapter store;

    @BeforeEach
    void world() throws IOException {
        sysroot = Files.createDirectories(tmp.resolve("sysroot"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(outside.resolve("lca"));
        Files.writeString(outside.resolve("lca/ibu.json"), "theirs");
        layout = HostLayout.forSysroot(sysroot, tmp.resolve("work"));
        store = new StateStoreAdapter(layout);
    }

    private String outsideState() throws IOException {
        try (var s = Files.walk(tmp.resolve("outside"))) {
            return s.map(p -> {
                try {
                    return tmp.relativize(p) + ":" + PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                        + (Files.isRegularFile(p) ? ":" + Files.readString(p) : "");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList().toString();
        }
    }

    @Test
    void an_absolute_link_to_a_directory_outside_is_refused_by_every_operation() throws IOException {
        Path var = Files.createDirectories(sysroot.resolve("ostree/deploy/rhcos_4.16.0/var"));
        Files.createSymbolicLink(var.resolve("lib"), outside);
        String before = outsideState();

        PortFailure save = store.saveIbu("rhcos_4.16.0", TestIbus.sample()).getLeft();
        PortFailure load = store.loadIbu("rhcos_4.16.0").getLeft();
        PortFailure delete = store.deleteIbu("rhcos_4.16.0").getLeft();
        PortFailure bundle = store.saveBundle("rhcos_4.16.0", "b", new ExportBundle(LinkedHashMap.of("a", "b"))).getLeft();
        PortFailure bundles = store.deleteBundles("rhcos_4.16.0").getLeft();

        assertThat(save.message()).startsWith("failed to save the IBU into stateroot rhcos_4.16.0: refusing to go through "
            + var.resolve("lib")).contains("is a symbolic link");
        assertThat(load.message()).contains("refusing to go through " + var.resolve("lib"));
        assertThat(delete.message()).contains("refusing to go through " + var.resolve("lib"));
        assertThat(bundle.message()).contains("refusing to go through " + var.resolve("lib"));
        assertThat(bundles.message()).contains("refusing to go through " + var.resolve("lib"));
        assertThat(outsideState()).isEqualTo(before);
    }

    @Test
    void a_chain_of_relative_links_reaching_the_sysroot_is_refused() throws IOException {
        Path var = Files.createDirectories(sysroot.resolve("ostree/deploy/rhcos_4.16.0/var"));
        Files.createDirectories(var.resolve("lib/x"));
        Files.createSymbolicLink(var.resolve("lib/x/up"), Path.of("../.."));          // var, inside as text
        Files.createSymbolicLink(var.resolve("lib/lca"), Path.of("x/up/../../../..")); // var/../../.. = sysroot/ostree
        assertThat(store.saveIbu("rhcos_4.16.0", TestIbus.sample()).getLeft().message())
            .contains("refusing to go through " + var.resolve("lib/lca"));
        try (var s = Files.list(sysroot.resolve("ostree"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("deploy");
        }
    }

    @Test
    void the_auto_rollback_config_and_its_reader_refuse_a_link_out() throws IOException {
        Path var = Files.createDirectories(sysroot.resolve("ostree/deploy/rhcos_4.16.0/var"));
        Files.createSymbolicLink(var.resolve("lib"), outside);
        String before = outsideState();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AutoRollbackFile.write(layout, "rhcos_4.16.0",
            new AutoRollbackConfig(true, 1800, true, true))).hasMessageContaining("is a symbolic link");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AutoRollbackFile.read(layout, "rhcos_4.16.0"))
            .hasMessageContaining("is a symbolic link");
        assertThat(outsideState()).isEqualTo(before);
    }
}
