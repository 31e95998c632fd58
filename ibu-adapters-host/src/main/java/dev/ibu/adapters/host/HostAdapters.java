package dev.ibu.adapters.host;

import dev.ibu.adapters.host.support.HostJobs;

import dev.ibu.adapters.host.cert.CertificateAdapter;
import dev.ibu.adapters.host.ostree.OstreeCli;
import dev.ibu.adapters.host.ostree.StaterootAdapter;
import dev.ibu.adapters.host.ostree.StaterootSetupJob;
import dev.ibu.adapters.host.precache.NodeRuntime;
import dev.ibu.adapters.host.precache.PrecacheAdapter;
import dev.ibu.adapters.host.precache.SkopeoImageStore;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.reboot.InitMonitor;
import dev.ibu.adapters.host.reboot.RebootAdapter;
import dev.ibu.adapters.host.reboot.RebootCommand;
import dev.ibu.adapters.host.seed.NodeArchitecture;
import dev.ibu.adapters.host.seed.SeedContentCollector;
import dev.ibu.adapters.host.seed.SeedImageAdapter;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.adapters.host.state.StateStoreAdapter;
import dev.ibu.ports.out.ClockPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** Wires every host-side port from one {@link HostAdapterConfig}; close it to stop its background jobs. */
public final class HostAdapters implements AutoCloseable {

    private final HostAdapterConfig config;
    private final ProcessRunner hostRunner;
    private final OstreeCli ostree;
    private final SkopeoClient skopeo;
    private final HostJobs setupJobs;
    private final HostJobs precacheJobs;
    private final RebootCommand rebootCommand;

    public HostAdapters(HostAdapterConfig config) {
        this(config, Optional.empty(), Optional.empty());
    }

    /**
     * A lab's host (a fake-booted temp sysroot): host commands as {@code config} says, but skopeo run by
     * {@code imageTools} (outside the fake boot, whose /etc has no containers policy) and the reboot done by
     * {@code reboot}.
     */
    public HostAdapters(HostAdapterConfig config, ProcessRunner imageTools, RebootCommand reboot) {
        this(config, Optional.of(imageTools), Optional.of(reboot));
    }

    private HostAdapters(HostAdapterConfig config, Optional<ProcessRunner> imageTools, Optional<RebootCommand> reboot) {
        this.config = config;
        this.hostRunner = new ProcessRunner(config.hostPrefix(), config.commandTimeout());
        this.ostree = new OstreeCli(hostRunner, config.layout());
        this.skopeo = new SkopeoClient(imageTools.orElse(hostRunner), config.layout(), config.plainHttpRegistries(), 3)
            .with(config.skopeoEnv(), config.commandTimeout(), 3);
        try {
            AtomicFiles.ensurePrivateDir(config.layout().workRoot().resolve("ibu-jobs"));
            writeLocalStorageConf();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + config.layout().workRoot(), e);
        }
        this.setupJobs = new HostJobs(config.layout().workRoot().resolve("ibu-jobs"), "stateroot-setup");
        this.precacheJobs = new HostJobs(config.layout().workRoot().resolve("ibu-jobs"), "precache");
        this.rebootCommand = reboot.orElseGet(() -> config.rebootArgv().isEmpty() ? RebootCommand.systemd(hostRunner)
            : RebootCommand.argv(hostRunner, config.rebootArgv()));
    }

    /** Local mode keeps its own vfs container storage; write its storage.conf once. */
    private void writeLocalStorageConf() throws IOException {
        String conf = config.skopeoEnv().get("CONTAINERS_STORAGE_CONF");
        if (conf == null || Files.exists(java.nio.file.Path.of(conf))) {
            return;
        }
        java.nio.file.Path graph = config.storageGraphRoot();
        Files.createDirectories(graph);
        Files.writeString(java.nio.file.Path.of(conf), "[storage]\ndriver = \"" + config.storageDriver() + "\"\nrunroot = \""
            + graph.resolveSibling("run") + "\"\ngraphroot = \"" + graph + "\"\n");
    }

    public StaterootAdapter stateroots() {
        return new StaterootAdapter(ostree, hostRunner, config.layout(),
            new StaterootSetupJob(ostree, skopeo, config.layout(), config.limits(), Optional.of(hostRunner)), setupJobs);
    }

    public SeedImageAdapter seedImages() {
        return new SeedImageAdapter(skopeo, config.layout(), NodeArchitecture.fromHost(hostRunner));
    }

    public PrecacheAdapter precache() {
        return new PrecacheAdapter(config.layout(), new SkopeoImageStore(skopeo, config.storageGraphRoot(), config.storageDriver()),
            config.precache(), precacheJobs, NodeRuntime.onHost(hostRunner), config.kubeletAuthFile());
    }

    public RebootAdapter reboot() {
        return new RebootAdapter(rebootCommand, config.rebootWait(), hostRunner, config.layout());
    }

    public StateStoreAdapter stateStore() {
        return new StateStoreAdapter(config.layout());
    }

    public CertificateAdapter certificates() {
        return new CertificateAdapter(config.layout());
    }

    public SeedImageBuilder seedImageBuilder() {
        return new SeedImageBuilder(skopeo, NodeArchitecture.fromHost(hostRunner));
    }

    /** Collects a seed's content from this host's sysroot (to build a seed image from it). */
    public SeedContentCollector seedContentCollector() {
        return new SeedContentCollector(ostree, config.layout());
    }

    /** What the adapters were built from. */
    public HostAdapterConfig config() {
        return config;
    }

    /** Runs host commands as the adapters do (for tools showing raw output, e.g. {@code ostree admin status}). */
    public ProcessRunner hostRunner() {
        return hostRunner;
    }

    /** The init monitor, for the agent's {@code init-monitor} command. */
    public InitMonitor initMonitor() {
        return new InitMonitor(config.layout(), ostree, stateStore(), rebootCommand, d -> Thread.sleep(d.toMillis()),
            ClockPort.systemClock());
    }

    @Override
    public void close() {
        setupJobs.close();
        precacheJobs.close();
    }
}
