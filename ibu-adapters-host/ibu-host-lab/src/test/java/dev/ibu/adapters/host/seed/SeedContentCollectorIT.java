package dev.ibu.adapters.host.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.archive.ExtractionLimits;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.StaterootAdapter;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A seed made from a seed host's sysroot, as lca-cli does, then a target stateroot made from that seed. */
class SeedContentCollectorIT {

    @Test
    void seed_from_a_sysroot_carries_etc_changes_deletions_and_a_filtered_var() throws Exception {
        RequireHostTools.requireOstree();
        RequireHostTools.requireRegistry();
        Path base = Files.createTempDirectory("collector-it");
        try (LabRegistry registry = LabRegistry.start(); LabSysroot seedHost = new LabSysroot(base.resolve("seed-host"));
             LabSysroot target = new LabSysroot(base.resolve("target"))) {
            seedHost.installOriginal("rhcos");
            OstreeCli seedOstree = new OstreeCli(ProcessRunner.local(), seedHost.layout());
            Path dep = seedHost.path().resolve("ostree/deploy/rhcos/deploy/" + seedOstree.status().get(0).deploymentName());
            Files.writeString(dep.resolve("etc/lab.conf"), "setting=seed-custom\n");
            Files.writeString(dep.resolve("etc/new.conf"), "new=1\n");
            Files.writeString(dep.resolve("etc/hostname"), "seed-node\n");
            Files.createDirectories(dep.resolve("etc/cni/multus/certs"));
            Files.writeString(dep.resolve("etc/cni/multus/certs/key.pem"), "secret");
            Files.delete(dep.resolve("etc/obsolete.conf"));
            Path var = seedHost.path().resolve("ostree/deploy/rhcos/var");
            for (String f : List.of("tmp/junk", "log/junk", "lib/lca/ibu.json", "lib/kubelet/config.json", "lib/containers/x")) {
                Files.createDirectories(var.resolve(f).getParent());
                Files.writeString(var.resolve(f), f);
            }

            SeedContent content = new SeedContentCollector(seedOstree, seedHost.layout()).collect("rhcos", base.resolve("collect"),
                SeedClusterInfo.minimal("4.16.0"), List.of(), List.of("nosmt"), false);
            assertThat(content.etcDeletions()).containsExactly("/etc/obsolete.conf");
            assertThat(content.etcDir().resolve("lab.conf")).hasContent("setting=seed-custom");
            assertThat(content.etcDir().resolve("hostname")).doesNotExist();
            assertThat(content.etcDir().resolve("cni/multus")).doesNotExist();
            assertThat(content.origin()).contains("refspec=rhcos/base");

            SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), target.layout(), Set.of(registry.host()), 0);
            String ref = registry.host() + "/lab/seed-from-sysroot:4.16.0";
            new SeedImageBuilder(skopeo).buildAndPush(content, ref, Optional.empty(), base.resolve("build"));

            target.installOriginal("rhcos");
            Files.createDirectories(target.layout().workRoot());
            OstreeCli ostree = new OstreeCli(ProcessRunner.local(), target.layout());
            try (HostJobs jobs = new HostJobs(target.layout().workRoot(), "stateroot-setup")) {
                StaterootAdapter adapter = new StaterootAdapter(ostree, ProcessRunner.local(), target.layout(),
                    new StaterootSetupJob(ostree, skopeo, target.layout(), ExtractionLimits.SEED_DEFAULT), jobs);
                adapter.startSetup(new StaterootSetup("rhcos_4.16.0", "4.16.0", ref, Option.none(),
                    new AutoRollbackConfig(true, 1800, true, true))).get();
                JobState s = adapter.setupState("rhcos_4.16.0").get();
                for (int i = 0; i < 600 && s instanceof JobState.Running; i++) {
                    Thread.sleep(100);
                    s = adapter.setupState("rhcos_4.16.0").get();
                }
                assertThat(s).isEqualTo(new JobState.Succeeded());
            }
            Path newDep = target.path().resolve("ostree/deploy/rhcos_4.16.0/deploy/"
                + ostree.status().stream().filter(d -> d.osname().equals("rhcos_4.16.0")).findFirst().get().deploymentName());
            assertThat(newDep.resolve("etc/lab.conf")).hasContent("setting=seed-custom");
            assertThat(newDep.resolve("etc/new.conf")).exists();
            assertThat(newDep.resolve("etc/obsolete.conf")).doesNotExist();
            assertThat(newDep.resolve("etc/hostname")).doesNotExist();
            Path newVar = target.path().resolve("ostree/deploy/rhcos_4.16.0/var");
            assertThat(newVar.resolve("lib/kubelet/config.json")).exists();
            assertThat(newVar.resolve("tmp/junk")).doesNotExist();
            assertThat(newVar.resolve("log/junk")).doesNotExist();
            assertThat(newVar.resolve("lib/containers/x")).doesNotExist();
            assertThat(newVar.resolve("lib/lca/ibu.json")).as("/var/lib/lca never travels in a seed").doesNotExist();
        } finally {
            LabSysroot.deleteTree(base);
        }
    }
}
