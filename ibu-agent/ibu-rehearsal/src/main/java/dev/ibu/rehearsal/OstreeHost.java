package dev.ibu.rehearsal;

import dev.ibu.adapters.host.HostAdapterConfig;
import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.adapters.host.lab.FakeBoot;
import dev.ibu.adapters.host.lab.HostTools;
import dev.ibu.adapters.host.lab.LabRegistry;
import dev.ibu.adapters.host.lab.LabSysroot;
import dev.ibu.adapters.host.lab.SeedFixture;
import dev.ibu.adapters.host.ostree.StaterootAdapter;
import dev.ibu.adapters.host.precache.PrecacheAdapter;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.seed.SeedImageBuilder;
import dev.ibu.adapters.host.seed.SkopeoClient;
import dev.ibu.rehearsal.sim.SimWorldDefaults;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PrecacheStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code local --host=ostree}: a REAL host for the rehearsal. A temp ostree sysroot whose original stateroot
 * {@value #ORIGINAL} is fake-booted ({@link FakeBoot}: host commands run inside the booted deployment, a reboot boots
 * the default one), a loopback docker-registry holding a small seed for {@link SimWorldDefaults#TARGET_VERSION}, and
 * the real host adapters on them. Closing it stops the registry and deletes everything it made.
 */
final class OstreeHost implements AutoCloseable {
    static final String ORIGINAL = "rhcos_4.14.0";
    /** How often, and how long at most, {@link #awaitJobs} polls the real jobs each time simulated time passes. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final Path base;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final AtomicBoolean rebootPending = new AtomicBoolean();
    private FakeBoot boot;
    private String seedImage;
    private HostAdapters adapters;
    private StaterootAdapter stateroots;
    private PrecacheAdapter precache;

    private OstreeHost(Path base) {
        this.base = base;
    }

    /** What this machine lacks to run {@code --host=ostree}: empty when every tool is there. */
    static List<String> missingTools() {
        List<String> missing = new ArrayList<>(HostTools.missingForOstree());
        HostTools.missing(HostTools.REGISTRY).stream().filter(t -> !missing.contains(t)).forEach(missing::add);
        return List.copyOf(missing);
    }

    /** Builds the sysroot, starts the registry and pushes the seed; on failure cleans up what it made. */
    static OstreeHost start() throws IOException, InterruptedException {
        OstreeHost host = new OstreeHost(Files.createTempDirectory("ibu-local-ostree"));
        try {
            host.build();
            return host;
        } catch (IOException | InterruptedException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        LabSysroot sys = new LabSysroot(base.resolve("host"));
        sys.installOriginal(ORIGINAL);
        Path work = Files.createDirectories(base.resolve("host/work"));
        boot = new FakeBoot(sys.path(), work, ORIGINAL);
        LabRegistry registry = LabRegistry.start();
        opened.add(registry);
        wire(HostAdapterConfig.local(sys.path(), work, Set.of(registry.host())));
        // pushing the lab's images is the lab's business, not the host adapters'
        SkopeoClient skopeo = new SkopeoClient(ProcessRunner.local(), boot.layout(), Set.of(registry.host()), 1);
        seedImage = registry.host() + "/lab/ibu-seed-sno:" + SimWorldDefaults.TARGET_VERSION;
        String app = pushApp(skopeo, registry.host());
        adapters.seedImageBuilder().buildAndPush(SeedFixture.create(base.resolve("seed"),
                SimWorldDefaults.TARGET_VERSION, List.of(app), 2), seedImage, Optional.empty(), base.resolve("build"));
    }

    /** One small application image, so that precache really pulls something. */
    private String pushApp(SkopeoClient skopeo, String registryHost) throws IOException {
        Path app = Files.createDirectories(base.resolve("app"));
        Files.writeString(app.resolve("payload"), "app");
        SeedImageBuilder.writeOciLayout(app, base.resolve("app-oci"), Map.of());
        String ref = registryHost + "/lab/app:1";
        skopeo.copy("oci:" + base.resolve("app-oci") + ":seed", "docker://" + ref, Optional.empty());
        return ref;
    }

    /**
     * The host adapters through their facade, as {@code local} configures a sysroot, except that host commands run
     * in the fake boot (as on a node) while skopeo runs outside it (the deployment's /etc has no containers policy),
     * and a reboot boots the default deployment and tells the simulated agent.
     */
    private void wire(HostAdapterConfig local) {
        HostAdapterConfig fakeBooted = new HostAdapterConfig(boot.layout(), boot.prefix(), Duration.ofMinutes(2),
                local.plainHttpRegistries(), local.skopeoEnv(), local.rebootArgv(), local.rebootWait(),
                local.precache(), local.storageGraphRoot(), local.storageDriver(), local.kubeletAuthFile(),
                local.limits());
        adapters = new HostAdapters(fakeBooted, ProcessRunner.local(), rationale -> {
            boot.rebootCommand().reboot(rationale);
            rebootPending.set(true);
        });
        opened.add(adapters);
        stateroots = adapters.stateroots();
        precache = adapters.precache();
    }

    String seedImage() {
        return seedImage;
    }

    /** The real host adapters, for the engine's ports. */
    HostAdapters adapters() {
        return adapters;
    }

    /** The engine asked for a reboot that the agent has not yet "restarted" from; clears the flag. */
    boolean takeRebootRequest() {
        return rebootPending.getAndSet(false);
    }

    boolean rebootRequested() {
        return rebootPending.get();
    }

    /** The stateroot booted now (after a reboot: the default one). */
    String booted() {
        return boot.booted();
    }

    /** The stateroot that boots next. */
    String defaultStateroot() {
        return stateroots.status().map(s -> s.deployments().headOption().map(d -> d.osname()).getOrElse("?"))
                .getOrElse("?");
    }

    /** The stateroots deployed in the sysroot now. */
    List<String> deployedStateroots() {
        return stateroots.status().map(s -> s.deployments().map(d -> d.osname()).distinct().toJavaList())
                .getOrElse(List.of());
    }

    /** The stateroot directories on disk ({@code ostree/deploy/*}): a finalized stateroot leaves none behind. */
    List<String> staterootDirectories() {
        try (java.util.stream.Stream<Path> dirs = Files.list(sysroot().resolve("ostree/deploy"))) {
            return dirs.map(d -> d.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList());
        } catch (IOException e) {
            return List.of("? (" + e.getMessage() + ")");
        }
    }

    /** Where the sysroot is (deleted by {@link #close}). */
    Path sysroot() {
        return base.resolve("host/sysroot");
    }

    /** Real jobs run in the background: wait (bounded) until none is running, so a tick of time is real progress. */
    void awaitJobs(String newStateroot) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (running(newStateroot) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean running(String newStateroot) {
        boolean setup = stateroots.setupState(newStateroot).map(s -> s instanceof JobState.Running).getOrElse(false);
        boolean pulling = precache.status().map(PrecacheStatus::state).map(s -> s instanceof JobState.Running)
                .getOrElse(false);
        return setup || pulling;
    }

    /** Stops the registry and the background jobs, and deletes the sysroot and everything else it made. */
    @Override
    public void close() throws IOException {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // keep closing the rest; the temp directory goes below in any case
            }
        }
        LabSysroot.deleteTree(base);
    }
}
