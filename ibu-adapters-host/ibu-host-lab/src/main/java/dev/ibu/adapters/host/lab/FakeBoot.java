package dev.ibu.adapters.host.lab;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.OstreeDeployment;
import dev.ibu.adapters.host.process.CommandPrefix;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.reboot.RebootCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A temp sysroot made to look booted: every host command runs through fake-boot.sh inside the booted
 * deployment, without --sysroot, exactly as on a node. "Rebooting" boots the default (index 0).
 */
public final class FakeBoot {

    private final Path sysroot;
    private final Path script;
    private final Path workRoot;
    private volatile String booted;
    private final List<String> reboots = new ArrayList<>();

    public FakeBoot(Path sysroot, Path workRoot, String bootedOsname) throws IOException {
        HostTools.check(HostTools.missingForOstree());
        this.sysroot = sysroot;
        this.workRoot = workRoot;
        this.booted = bootedOsname;
        this.script = workRoot.getParent().resolve("fake-boot.sh");
        try (InputStream in = FakeBoot.class.getResourceAsStream("fake-boot.sh")) {
            Files.write(script, in.readAllBytes());
        }
    }

    /** Host commands as the booted system sees them. */
    public ProcessRunner runner() {
        return new ProcessRunner(prefix(), Duration.ofMinutes(2));
    }

    /** The prefix that runs a command inside the deployment booted at the time it runs. */
    public CommandPrefix prefix() {
        return argv -> {
            List<String> out = new ArrayList<>(List.of("/bin/bash", script.toString(), sysroot.toString(),
                deploymentDir(booted).toString(), sysroot.resolve("ostree/deploy").resolve(booted).resolve("var").toString(), "--"));
            out.addAll(argv);
            return List.copyOf(out);
        };
    }

    /** The layout of the booted host: no --sysroot for commands; the JVM reaches the sysroot by its real path. */
    public HostLayout layout() {
        return new HostLayout(Path.of("/"), sysroot, java.util.Optional.empty(), workRoot, false);
    }

    /** A reboot: records it and boots the current default deployment. */
    public RebootCommand rebootCommand() {
        return rationale -> {
            synchronized (reboots) {
                reboots.add(rationale);
            }
            booted = offline().status().get(0).osname();
        };
    }

    public String booted() {
        return booted;
    }

    public List<String> reboots() {
        synchronized (reboots) {
            return List.copyOf(reboots);
        }
    }

    private OstreeCli offline() {
        return new OstreeCli(ProcessRunner.local(), HostLayout.forSysroot(sysroot, workRoot));
    }

    private Path deploymentDir(String osname) {
        OstreeDeployment d = offline().status().stream().filter(x -> x.osname().equals(osname)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no deployment of " + osname + " to boot"));
        return sysroot.resolve("ostree/deploy").resolve(osname).resolve("deploy").resolve(d.deploymentName());
    }
}
