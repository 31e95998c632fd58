package dev.ibu.adapters.host.restart;

import dev.ibu.adapters.host.HostAdapterConfig;
import dev.ibu.adapters.host.HostAdapters;
import dev.ibu.adapters.host.ostree.StaterootAdapter;
import dev.ibu.adapters.host.precache.PrecacheAdapter;
import dev.ibu.domain.ImageCleanup;
import dev.ibu.ports.out.PrecacheRequest;
import dev.ibu.adapters.host.precache.PrecacheSettings;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * A stand-in for the agent during Prep, run in its own JVM by {@link PrepSurvivesAgentKillIT}: it drives the host
 * adapters' Prep jobs as the engine does (launch the stateroot setup when there is none, poll it; then launch the
 * precache, poll it) and prints {@value #DONE} when both succeeded. The jobs log their progress (HostJobs, INFO), which
 * is what the test watches to choose when to kill this JVM.
 *
 * <p>Arguments: sysroot, work dir, registry host:port, seed image, seed version.
 */
public final class PrepAgentMain {

    static final String DONE = "PREP DONE";
    static final String FAILED = "PREP FAILED: ";
    static final String LAUNCHED_SETUP = "launched the stateroot setup";
    static final String LAUNCHED_PRECACHE = "launched precache";

    private PrepAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        Path sysroot = Path.of(args[0]);
        Path work = Path.of(args[1]);
        String registry = args[2];
        String seed = args[3];
        String version = args[4];
        String sr = "rhcos_" + version;
        HostAdapterConfig local = HostAdapterConfig.local(sysroot, work, Set.of(registry));
        // two pulls at a time, so that precache has several progress points; no storage cleanup or space check here
        PrecacheSettings precache = new PrecacheSettings(local.precache().statusFile(), 2, 2, Duration.ofMillis(50), false,
            0);
        HostAdapterConfig cfg = new HostAdapterConfig(local.layout(), local.hostPrefix(), local.commandTimeout(),
            local.plainHttpRegistries(), local.skopeoEnv(), local.rebootArgv(), local.rebootWait(), precache,
            local.storageGraphRoot(), local.storageDriver(), local.kubeletAuthFile(), local.limits());
        StaterootSetup setup = new StaterootSetup(sr, version, seed, Option.none(), new AutoRollbackConfig(true, 1800, true, true));
        try (HostAdapters host = new HostAdapters(cfg)) {
            StaterootAdapter stateroots = host.stateroots();
            PrecacheAdapter images = host.precache();
            while (true) {
                try {
                    step(stateroots, images, setup);
                } catch (IllegalStateException e) {
                    System.out.println("transient: " + e.getMessage() + "; retrying");
                }
                Thread.sleep(20);
            }
        }
    }

    /** One pass, as the engine's Prep does it. */
    private static void step(StaterootAdapter stateroots, PrecacheAdapter images, StaterootSetup setup) {
        String sr = setup.staterootName();
        JobState s = orRetry(stateroots.setupState(sr));
        if (s instanceof JobState.NotStarted) {
            orRetry(stateroots.startSetup(setup));
            System.out.println(LAUNCHED_SETUP);
        } else if (s instanceof JobState.Failed f) {
            finish(FAILED + "stateroot setup: " + f.message(), 2);
        } else if (s instanceof JobState.Succeeded) {
            JobState p = orRetry(images.status()).state();
            if (p instanceof JobState.NotStarted) {
                orRetry(images.start(PrecacheRequest.of(sr, List.empty(), Option.none()).withCleanup(ImageCleanup.DISABLED)));
                System.out.println(LAUNCHED_PRECACHE);
            } else if (p instanceof JobState.Failed f) {
                finish(FAILED + "precache: " + f.message(), 3);
            } else if (p instanceof JobState.Succeeded) {
                finish(DONE, 0);
            }
        }
    }

    private static <T> T orRetry(Either<PortFailure, T> e) {
        if (e.isLeft()) {
            throw new IllegalStateException(e.getLeft().message());
        }
        return e.get();
    }

    private static void finish(String line, int code) {
        System.out.println(line);
        System.out.flush();
        System.exit(code);
    }
}
