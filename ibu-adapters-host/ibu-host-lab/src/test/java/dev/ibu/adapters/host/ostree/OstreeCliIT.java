package dev.ibu.adapters.host.ostree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ibu.adapters.host.process.HostCommandException;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.lab.LabSysroot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the real ostree CLI against a temp sysroot. */
class OstreeCliIT {

    private Path base;
    private LabSysroot sysroot;
    private OstreeCli ostree;

    @BeforeEach
    void setUp() throws Exception {
        RequireHostTools.requireOstree();
        base = Files.createTempDirectory("ostree-it");
        sysroot = new LabSysroot(base);
        sysroot.installOriginal("rhcos");
        ostree = new OstreeCli(ProcessRunner.local(), sysroot.layout());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sysroot != null) {
            sysroot.close();
        }
    }

    @Test
    void deploys_a_new_stateroot_with_kargs_then_set_default_and_undeploy() throws Exception {
        String seedCommit = LabSysroot.commitTree(ProcessRunner.local(), sysroot.repo(), base.resolve("seedtree"),
            "seed/v2", "seed v2");
        ostree.osInit("rhcos_4.16.0");
        ostree.deploy("rhcos_4.16.0", seedCommit, List.of("ibu=4.16.0"),
            List.of("nosmt", "quoted=\"a b\""), true);

        List<OstreeDeployment> st = ostree.status();
        assertThat(st).extracting(OstreeDeployment::osname).containsExactly("rhcos", "rhcos_4.16.0");
        assertThat(st.get(1).checksum()).isEqualTo(seedCommit);
        assertThat(st).noneMatch(OstreeDeployment::booted);
        String bls = blsOptionsOf("rhcos_4.16.0");
        assertThat(bls).contains("ibu=4.16.0").contains("nosmt").contains("quoted=\"a b\"").doesNotContain("root=LABEL");

        ostree.setDefault(1, base.resolve("work"));
        assertThat(ostree.status()).extracting(OstreeDeployment::osname).containsExactly("rhcos_4.16.0", "rhcos");
        ostree.setDefault(1, base.resolve("work"));
        assertThat(ostree.status()).extracting(OstreeDeployment::osname).containsExactly("rhcos", "rhcos_4.16.0");

        ostree.undeploy(1);
        assertThat(ostree.status()).extracting(OstreeDeployment::osname).containsExactly("rhcos");
        assertThat(ostree.refs()).contains("seed/v2", "rhcos/base");
        ostree.deleteRef("seed/v2");
        ostree.cleanup();
        assertThat(ostree.refs()).doesNotContain("seed/v2");
    }

    @Test
    void failures_carry_argv_and_stderr() {
        assertThatThrownBy(() -> ostree.undeploy(7)).isInstanceOf(HostCommandException.class)
            .hasMessageContaining("ostree admin undeploy").hasMessageContaining("stderr:");
    }

    private String blsOptionsOf(String osname) throws Exception {
        try (Stream<Path> s = Files.list(sysroot.path().resolve("boot/loader/entries"))) {
            for (Path p : s.toList()) {
                String text = Files.readString(p);
                if (text.contains("/" + osname + "/")) {
                    return text.lines().filter(l -> l.startsWith("options")).findFirst().orElse("");
                }
            }
        }
        throw new AssertionError("no BLS entry for " + osname);
    }
}
